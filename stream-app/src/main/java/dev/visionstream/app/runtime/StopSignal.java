package dev.visionstream.app.runtime;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM as a signal a command waits for. The JVM exits once its shutdown hooks return, so the hook
 * holds the exit until the command says it has closed what it holds (or {@link #GRACE} passed).
 */
public final class StopSignal {
    public static final Duration GRACE = Duration.ofSeconds(60);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    private StopSignal() {
    }

    /** Installs the shutdown hook; call {@link #closed()} when done, whether or not the stop came. */
    public static StopSignal install() {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            signal.stop.countDown();
            try {
                signal.closed.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vision-shutdown"));
        return signal;
    }

    /** Blocks until the process is asked to stop. */
    public void await() throws InterruptedException {
        stop.await();
    }

    /** Everything is closed: the process may exit. */
    public void closed() {
        closed.countDown();
    }
}
