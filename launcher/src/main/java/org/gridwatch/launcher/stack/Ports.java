package org.gridwatch.launcher.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port checks that turn "address already in use" deep in a server's log into a clear message up front. */
public final class Ports {
    private Ports() {}

    /** Fails with a message naming the port and what wanted it when something already listens there. */
    public static void requireFree(int port, String what, String flag) {
        if (inUse(port)) {
            throw new StackException(what + " cannot start: port " + port + " on localhost is already in use. "
                    + "Stop whatever listens there (e.g. `ss -ltnp 'sport = :" + port + "'`) or choose another port with " + flag + ".");
        }
    }

    public static boolean inUse(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            try (ServerSocket ss = new ServerSocket()) {
                ss.setReuseAddress(true);
                ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return false;
            } catch (IOException bindFailed) {
                return true;
            }
        }
    }

    /** A port that was free a moment ago (for tests). */
    public static int free() {
        try (ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return ss.getLocalPort();
        } catch (IOException e) {
            throw new StackException("no free local port: " + e.getMessage());
        }
    }
}
