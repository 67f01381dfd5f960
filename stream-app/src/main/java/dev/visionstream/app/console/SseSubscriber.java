package dev.visionstream.app.console;

import io.javalin.http.sse.SseClient;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One browser's event stream. The history hands SSE messages (serialised once for all browsers) to a bounded queue
 * without waiting; this subscriber's own thread writes them out. A browser too slow to keep up is disconnected
 * instead of slowing anyone else down, and its EventSource reconnects from the last id it received, so it misses
 * nothing.
 */
final class SseSubscriber implements Consumer<ConsoleEvent.SseMessage> {
    /** Room for the whole retained history plus a burst of live events. */
    static final int QUEUE = 20_000;

    private final SseClient client;
    private final BlockingQueue<ConsoleEvent.SseMessage> queue = new ArrayBlockingQueue<>(QUEUE);
    private volatile boolean open = true;

    SseSubscriber(SseClient client) {
        this.client = client;
    }

    @Override
    public void accept(ConsoleEvent.SseMessage message) {
        if (open && !queue.offer(message)) {
            open = false; // overflow: the writer ends the stream, the browser resumes from its last id
        }
    }

    /** Writes messages until the browser goes away, the console closes or the queue overflowed. */
    void run() {
        try {
            while (open && !client.terminated()) {
                ConsoleEvent.SseMessage m = queue.poll(1, TimeUnit.SECONDS);
                if (m == null) {
                    client.sendComment("keep-alive");
                } else {
                    client.sendEvent(m.kind(), m.data(), m.id());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the connection broke while writing: the browser reconnects
        } finally {
            open = false;
            client.close();
        }
    }

    void stop() {
        open = false;
    }
}
