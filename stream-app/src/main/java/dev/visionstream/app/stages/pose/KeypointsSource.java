package dev.visionstream.app.stages.pose;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Wraps each keypoints record's JSON with the partition and offset it was read from ({@link KeypointsRecord}). */
final class KeypointsSource implements FixedKeyProcessor<String, String, KeypointsRecord> {
    private FixedKeyProcessorContext<String, KeypointsRecord> context;

    @Override
    public void init(FixedKeyProcessorContext<String, KeypointsRecord> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, String> record) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        context.forward(record.withValue(new KeypointsRecord(record.value(), meta == null ? null : meta.partition(),
                meta == null ? null : meta.offset())));
    }
}
