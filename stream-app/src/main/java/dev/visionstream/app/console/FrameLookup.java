package dev.visionstream.app.console;

import dev.visionstream.schemas.SourceCoordinates;
import java.util.Optional;

/** Finds the frame an event points at by its source coordinates; empty when it is gone or unreadable. */
@FunctionalInterface
public interface FrameLookup {
    Optional<Picture> picture(SourceCoordinates at);
}
