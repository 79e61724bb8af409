package org.gridwatch.launcher.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.city.check.CityCheck;
import org.gridwatch.common.city.check.Problem;
import org.gridwatch.common.city.check.Problems;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.sim.engine.ReferenceFeed;
import org.gridwatch.sim.engine.SimEvent;
import org.gridwatch.sim.output.KafkaEventSink;
import org.gridwatch.stack.EmbeddedKafka;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code ./gridwatch city publish DIR --kafka HOST:PORT}: the whole city as UPSERTs on the
 * compacted {@code gridwatch.reference} topic (key {@code KIND:id}), so that jobs on any cluster
 * take their reference data from Kafka. A city that {@code city check} refuses is not published.
 */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = {
            "Publishes a city directory to gridwatch.reference as UPSERTs: the city itself (CITY, its city.json: time",
            "zone, centre, bounds), then one per grid, site, zone, permit, truck, officer and device, keyed KIND:id on a",
            "compacted topic (created when missing). Jobs started without --city read this topic to its end before they",
            "start. Checks the city first and publishes nothing when city check finds an ERROR (exit 1)."
        })
public final class CityPublishCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The city directory.")
    Path dir;

    @Option(
            names = "--kafka",
            defaultValue = "localhost:9092",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap (default: ${DEFAULT-VALUE}).")
    String kafka;

    @Mixin KafkaClientOption kafkaClient = new KafkaClientOption();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Problem> problems;
        City city;
        try {
            problems = CityCheck.check(dir);
            city = Problems.hasErrors(problems) ? null : CityFiles.read(dir);
        } catch (IOException e) {
            spec.commandLine()
                    .getErr()
                    .println("gridwatch city publish: cannot read the city: " + e.getMessage());
            return CityCheckCommand.EXIT_UNREADABLE;
        }
        if (city == null) {
            CityCheckCommand.report(problems, dir, out);
            out.println("Nothing published.");
            return CityCheckCommand.EXIT_ERRORS;
        }
        KafkaClientProperties client = kafkaClient.properties();
        EmbeddedKafka.ensureTopics(kafka, client);
        // city.json as written, bounds included: the jobs take the city's zone and bounds from it.
        ObjectNode cityJson = (ObjectNode) Json.MAPPER.readTree(dir.resolve("city.json").toFile());
        List<SimEvent> updates = ReferenceFeed.events(city, cityJson, System.currentTimeMillis());
        Map<String, Integer> perKind = new TreeMap<>();
        try (KafkaEventSink sink = new KafkaEventSink(kafka, client)) {
            for (SimEvent e : updates) {
                sink.accept(e);
                perKind.merge(e.key().substring(0, e.key().indexOf(':')), 1, Integer::sum);
            }
        }
        out.printf(
                "Published %s (%s) to gridwatch.reference on %s: %d updates %s%n",
                city.name(), dir.toAbsolutePath(), kafka, updates.size(), perKind);
        out.flush();
        return 0;
    }
}
