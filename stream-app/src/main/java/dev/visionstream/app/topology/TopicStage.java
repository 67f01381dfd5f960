package dev.visionstream.app.topology;

import org.apache.kafka.streams.StreamsBuilder;

/**
 * A stage whose input is not a camera frame but records on a topic of its own (3D keypoints for pose): it adds its
 * source, stores and processor to the builder and hands its publications to the shared sink.
 */
public non-sealed interface TopicStage extends Stage {
    /** The topic this stage reads. */
    String sourceTopic();

    void addTo(StreamsBuilder builder, PublicationSink sink);
}
