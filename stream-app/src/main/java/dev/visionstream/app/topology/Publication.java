package dev.visionstream.app.topology;

import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.Topics;
import dev.visionstream.schemas.VisionEvent;

/** An event on its way out, with the topic it goes to. */
public record Publication(String topic, VisionEvent event) {
    public static Publication error(ErrorEvent event) {
        return new Publication(Topics.ERRORS, event);
    }

    public boolean isError() {
        return event instanceof ErrorEvent;
    }
}
