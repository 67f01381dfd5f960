package dev.visionstream.app.topology;

import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A stage processor that can run several records through one model call. Without this interface a batch is
 * processed record by record.
 *
 * @param <V> the stage's input: {@link StageInput} for a frame stage
 */
public interface BatchProcessor<V> extends Processor<String, V, String, Publication> {
    /**
     * Forwards, record after record in the order given, what {@link #process} would forward for each. A failure
     * that belongs to one record becomes that record's error event; it must not escape or touch the others.
     */
    void processBatch(List<Record<String, V>> records);

    @Override
    default void process(Record<String, V> record) {
        processBatch(List.of(record));
    }
}
