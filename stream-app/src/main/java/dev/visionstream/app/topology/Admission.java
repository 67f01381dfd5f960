package dev.visionstream.app.topology;

/** The outcome of admitting a frame: either an input for the stages or an error to publish. */
public record Admission(StageInput input, Publication rejection) {
    public static Admission accepted(StageInput input) {
        return new Admission(input, null);
    }

    public static Admission rejected(Publication rejection) {
        return new Admission(null, rejection);
    }

    public boolean isAccepted() {
        return input != null;
    }
}
