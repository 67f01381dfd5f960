package dev.visionstream.app.topology;

import dev.visionstream.schemas.ErrorReason;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error record of a stage that threw on a record: {@code STAGE_FAILURE}, naming the stage and the exception.
 * The one exception to that is an artifact store outage: it is thrown on ({@link StoreOutageException}), so that
 * the task's transaction aborts and the input is processed again instead of being committed with an error.
 * Every failure is also logged once here, whichever path (guarded, batched) ran the stage.
 */
public final class StageFailures {
    private static final Logger LOG = LoggerFactory.getLogger(StageFailures.class);

    private StageFailures() {
    }

    public static Record<String, Publication> of(String stage, Record<String, StageInput> record,
                                                 RuntimeException e) {
        StageInput in = record.value();
        StoreOutageException.rethrowIfOutage(e, stage, in.source(), in.captureTime(), record.key());
        LOG.warn("stage {} failed on {}: {}", stage, in.source(), e.toString());
        return record.withValue(ErrorEvents.of(stage, in.source(), in.captureTime(), ErrorReason.STAGE_FAILURE,
                stage + " failed: " + e, e));
    }
}
