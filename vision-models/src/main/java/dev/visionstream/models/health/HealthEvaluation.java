package dev.visionstream.models.health;

import dev.visionstream.schemas.FrameStats;
import dev.visionstream.schemas.HealthFinding;
import java.util.List;

/** The result of the rules on one frame: what fired, what was measured, and the camera's next state. */
public record HealthEvaluation(List<HealthFinding> findings, FrameStats stats, CameraHealthState next) {
}
