package dev.visionstream.app.topology;

import org.apache.kafka.streams.kstream.KStream;

/** Where every stage's publications go: each to its own topic, observed on the way (metrics, demo taps). */
@FunctionalInterface
public interface PublicationSink {
    void publish(KStream<String, Publication> publications, String stageName);
}
