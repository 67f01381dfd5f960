package dev.visionstream.app.runtime;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the topology: starts Kafka Streams, waits until it is running, and stops it cleanly. */
public final class VisionStreamApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VisionStreamApp.class);

    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);
    private volatile KafkaStreams.State lastState = KafkaStreams.State.CREATED;

    public VisionStreamApp(Topology topology, Properties settings) {
        this(topology, settings, failure -> false);
    }

    /**
     * @param onThreadFailure told of every exception that ends a stream thread before the thread is replaced; it
     *                        returns true when it has reported the failure itself (no stack trace logged then)
     */
    public VisionStreamApp(Topology topology, Properties settings, Predicate<Throwable> onThreadFailure) {
        this.streams = new KafkaStreams(topology, settings);
        streams.setStateListener((next, previous) -> {
            lastState = next;
            if (next == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            // rare (start, rebalances, stop) and the first thing to read when an instance seems stuck
            LOG.info("Kafka Streams {} -> {}", previous, next);
        });
        // errors inside records are handled by the topology; anything reaching here is infrastructure: retry it
        streams.setUncaughtExceptionHandler(e -> {
            if (!onThreadFailure.test(e)) {
                LOG.error("stream thread failed, replacing it", e);
            }
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    public KafkaStreams streams() {
        return streams;
    }

    public void start(Duration timeout) throws InterruptedException, TimeoutException {
        streams.start();
        if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("Kafka Streams did not reach RUNNING within " + timeout
                    + " (state " + lastState + ")");
        }
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
