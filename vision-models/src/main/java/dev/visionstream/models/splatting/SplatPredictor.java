package dev.visionstream.models.splatting;

import dev.visionstream.schemas.ModelInfo;
import java.util.List;

/**
 * Turns views into per-pixel Gaussians in each view's frame, plus poses and intrinsics. Views arrive with their
 * poses already normalised ({@link CameraNormalization}) when poses were supplied.
 */
public interface SplatPredictor {
    /** Name, version and provenance; every result event carries it. */
    ModelInfo info();

    /** Whether this predictor needs every view's K and pose (true for the stereo default). */
    boolean requiresPoses();

    ViewPredictions predict(List<SplatView> views);
}
