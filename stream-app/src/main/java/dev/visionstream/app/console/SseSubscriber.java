package dev.visionstream.app.console;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One browser's event stream. The history hands SSE messages (serialised once for all browsers) to a bounded queue
 * without waiting; this subscriber's own thread writes whatever has queued up and flushes once, so a busy stream
 * costs a few writes a second rather than one per event. A browser too slow to keep up is disconnected instead of
 * slowing anyone else down, and its EventSource reconnects from the last id it received, so it misses nothing.
 */
final class SseSubscriber implements Consumer<ConsoleEvent.SseMessage> {
    /** Room for the whole retained history plus a burst of live events. */
    static final int QUEUE = 20_000;
    /** Messages written between two flushes at most. */
    static final int BATCH = 500;
    /** How long the first message of a batch waits for company: an operator does not see 100 ms. */
    static final long LINGER_MS = 100;
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final BlockingQueue<ConsoleEvent.SseMessage> queue = new ArrayBlockingQueue<>(QUEUE);
    private volatile boolean open = true;

    SseSubscriber(OutputStream out) {
        this.out = out;
    }

    @Override
    public void accept(ConsoleEvent.SseMessage message) {
        if (open && !queue.offer(message)) {
            open = false; // overflow: the writer ends the stream, the browser resumes from its last id
        }
    }

    /** Writes messages until the browser goes away, the console closes or the queue overflowed. */
    void run() {
        List<ConsoleEvent.SseMessage> batch = new ArrayList<>(BATCH);
        try {
            while (open) {
                ConsoleEvent.SseMessage first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    out.write(KEEP_ALIVE); // also how a closed browser is noticed
                } else {
                    Thread.sleep(LINGER_MS);
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    for (ConsoleEvent.SseMessage m : batch) {
                        out.write(m.bytes());
                    }
                    batch.clear();
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the connection broke while writing: the browser reconnects
        } finally {
            open = false;
        }
    }

    void stop() {
        open = false;
    }
}
