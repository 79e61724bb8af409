package org.gridwatch.launcher.cli;

import org.gridwatch.common.city.City;
import org.gridwatch.gateway.GatewayConfig;
import org.gridwatch.gateway.server.Jt808Gateway;
import org.gridwatch.stack.Ports;

import java.io.PrintStream;

/**
 * The JT/T 808 gateway beside the local stack in {@code demo} and {@code run} (--gateway-port, 0
 * for none).
 */
final class LocalGateway {
    private LocalGateway() {}

    /**
     * Starts it for the city's trucks and those of gridwatch.reference (followed), stopped with the
     * stack; null when --gateway-port is 0.
     */
    static Jt808Gateway start(StackOptions o, City city, LocalStack stack, PrintStream out) {
        if (o.gatewayPort == 0) {
            return null;
        }
        Ports.requireFree(o.gatewayPort, "The JT/T 808 gateway", "--gateway-port (0 for none)");
        GatewayConfig config =
                GatewayConfig.defaults().withPort(o.gatewayPort).withZone(city.zone());
        String secret = System.getenv(GatewayCommand.SECRET_ENV);
        if (secret != null && !secret.isBlank()) {
            config = config.withAuthSecret(secret);
        } else {
            out.println(
                    "JT/T 808 gateway: "
                            + GatewayCommand.SECRET_ENV
                            + " is not set; authentication codes use the built-in secret.");
        }
        GatewayTrucks trucks =
                GatewayTrucks.start(city, stack.kafkaBootstrap(), stack.kafkaClient());
        stack.stopOnClose(trucks);
        Jt808Gateway gateway =
                Jt808Gateway.start(
                        config, trucks.directory(), stack.kafkaBootstrap(), stack.kafkaClient());
        stack.stopOnClose(gateway);
        return gateway;
    }
}
