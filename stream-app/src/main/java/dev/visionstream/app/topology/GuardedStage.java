package dev.visionstream.app.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Runs a stage's processor so that an exception on one frame becomes an error event instead of a dead thread; an
 * artifact store outage is the exception to that ({@link StoreOutageException}): it aborts the task's transaction.
 */
final class GuardedStage implements Processor<String, StageInput, String, Publication> {
    private final String stage;
    private final Processor<String, StageInput, String, Publication> delegate;
    private ProcessorContext<String, Publication> context;

    GuardedStage(String stage, Processor<String, StageInput, String, Publication> delegate) {
        this.stage = stage;
        this.delegate = delegate;
    }

    @Override
    public void init(ProcessorContext<String, Publication> context) {
        this.context = context;
        delegate.init(context);
    }

    @Override
    public void process(Record<String, StageInput> record) {
        try {
            delegate.process(record);
        } catch (RuntimeException e) {
            context.forward(StageFailures.of(stage, record, e));
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
