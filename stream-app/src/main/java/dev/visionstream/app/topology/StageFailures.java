package dev.visionstream.app.topology;

import dev.visionstream.schemas.ErrorReason;

/** The error event of a stage that threw on a record: {@code STAGE_FAILURE}, naming the stage and the exception. */
public final class StageFailures {
    private StageFailures() {
    }

    public static Publication of(String stage, StageInput in, RuntimeException e) {
        return ErrorEvents.of(stage, in.source(), in.captureTime(), ErrorReason.STAGE_FAILURE,
                stage + " failed: " + e, e);
    }
}
