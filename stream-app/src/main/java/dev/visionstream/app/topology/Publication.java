package dev.visionstream.app.topology;

import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.Topics;
import dev.visionstream.schemas.VisionEvent;

/**
 * An output record on its way out, with the topic it goes to: either a JSON event, or (for stages that emit
 * frames, such as {@code vision.frames.inpainted}) encoded frame bytes written as they are, in the
 * {@code vision.frames} envelope (the processor sets the frame headers on the forwarded record).
 *
 * @param event the event, null for a frame
 * @param frame encoded frame bytes (empty when claim-checked), null for an event
 */
public record Publication(String topic, VisionEvent event, byte[] frame) {
    public Publication(String topic, VisionEvent event) {
        this(topic, event, null);
    }

    public static Publication error(ErrorEvent event) {
        return new Publication(Topics.ERRORS, event);
    }

    /** Encoded frame bytes for a frames topic. */
    public static Publication frame(String topic, byte[] bytes) {
        return new Publication(topic, null, bytes);
    }

    public boolean isFrame() {
        return frame != null;
    }
}
