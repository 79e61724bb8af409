package org.gridwatch.console;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server's executor. Workers: a bounded pool that starts a thread per request up to its
 * size before anything waits (core = max), then a short queue. When both are full the request goes
 * to a one-thread overflow pool whose only job is to answer 503 ({@link #busy()} tells the
 * handler); when that is full too, the JDK server closes the connection. Event streams do not hold
 * a worker (see SseHub).
 */
final class RequestPool implements Executor, AutoCloseable {
    static final int DEFAULT_WORKERS = 32;
    static final int DEFAULT_QUEUE = 32;
    private static final ThreadLocal<Boolean> BUSY = ThreadLocal.withInitial(() -> false);

    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor overflow;

    RequestPool(int threads, int queue) {
        BlockingQueue<Runnable> q =
                queue == 0 ? new SynchronousQueue<>() : new LinkedBlockingQueue<>(queue);
        workers =
                new ThreadPoolExecutor(
                        threads,
                        threads,
                        30,
                        TimeUnit.SECONDS,
                        q,
                        r -> thread(r, "gridwatch-console-http"));
        workers.allowCoreThreadTimeOut(true);
        overflow =
                new ThreadPoolExecutor(
                        1,
                        1,
                        30,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(64),
                        r ->
                                thread(
                                        () -> {
                                            BUSY.set(true);
                                            r.run();
                                        },
                                        "gridwatch-console-busy"));
        overflow.allowCoreThreadTimeOut(true);
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** True on the overflow thread: the handler answers 503 at once. */
    static boolean busy() {
        return BUSY.get();
    }

    @Override
    public void execute(Runnable request) {
        try {
            workers.execute(request);
        } catch (RejectedExecutionException e) {
            overflow.execute(request); // may reject too: the server then closes the connection
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        overflow.shutdownNow();
    }
}
