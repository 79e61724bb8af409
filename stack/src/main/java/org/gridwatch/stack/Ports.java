package org.gridwatch.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Port checks that turn "address already in use" deep in a server's log into a clear message up
 * front, and collision-free ports for the servers tests start.
 */
public final class Ports {
    /** Lowest port handed out; the highest is just below the kernel's ephemeral range. */
    private static final int LOWEST = 20_000;

    private static final Set<Integer> GIVEN = new HashSet<>();
    private static final List<FileLock> HELD = new ArrayList<>();

    private Ports() {}

    /**
     * Fails with a message naming the port and what wanted it when something already listens there.
     */
    public static void requireFree(int port, String what, String flag) {
        if (inUse(port)) {
            throw new StackException(
                    what
                            + " cannot start: port "
                            + port
                            + " on localhost is already in use. "
                            + "Stop whatever listens there (e.g. `ss -ltnp 'sport = :"
                            + port
                            + "'`) or choose another port with "
                            + flag
                            + ".");
        }
    }

    public static boolean inUse(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return !bindable(port);
        }
    }

    /** A free port for a server a test starts (see {@link #reserve}). */
    public static int free() {
        return reserve(1)[0];
    }

    /**
     * {@code count} distinct ports that were free just now, for servers a test is about to start.
     *
     * <p>Asking the kernel for port 0 and closing the socket is not enough: two such calls can
     * return the same port (it happened: a Kafka broker got one port for both of its listeners),
     * and an outgoing connection may take it before the server binds. So ports come from below the
     * kernel's ephemeral range (outgoing connections never use those), are never handed out twice
     * in this JVM, and each is claimed across JVMs (parallel builds on one machine) by a file lock
     * held until this JVM exits.
     */
    public static synchronized int[] reserve(int count) {
        int highest = ephemeralLow() - 1;
        int[] ports = new int[count];
        int found = 0;
        for (int attempt = 0; found < count && attempt < 20_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            if (!GIVEN.contains(port) && claim(port) && bindable(port)) {
                GIVEN.add(port);
                ports[found++] = port;
            }
        }
        if (found < count) {
            throw new StackException("no free local port between " + LOWEST + " and " + highest);
        }
        return ports;
    }

    private static boolean bindable(int port) {
        try (ServerSocket ss = new ServerSocket()) {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Locks the port's file under the temp directory; false when another JVM holds it. */
    private static boolean claim(int port) {
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "gridwatch-ports");
            Files.createDirectories(dir);
            FileChannel channel =
                    FileChannel.open(
                            dir.resolve(port + ".lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return false;
            }
            HELD.add(lock);
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (IOException e) {
            // No writable temp directory: the in-JVM guard and the bind check still apply.
            return true;
        }
    }

    /** The first port of the kernel's ephemeral range (Linux), or the IANA default elsewhere. */
    static int ephemeralLow() {
        try {
            String range =
                    Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > LOWEST + 1000 ? low : 49_152;
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }
}
