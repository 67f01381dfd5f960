package dev.visionstream.models.counting;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.visionstream.schemas.ModelInfo;

/**
 * A frozen dense feature extractor applied to square tiles: {@code [B, 3, S, S]} RGB in [0, 1] to
 * {@code [B, D, g, g]} feature maps. The CountingDINO pipeline tiles, resizes and stitches around it.
 */
public interface FeatureBackbone extends AutoCloseable {
    /** Name, version and provenance; they go into every result. */
    ModelInfo info();

    /** Side S of the square tile input, in pixels. */
    int tileSize();

    /** Side g of the feature map of one tile, in cells. */
    int gridSize();

    /** Feature channels D. */
    int channels();

    /**
     * Features of a batch of tiles. The result is float32 {@code [B, D, g, g]} and belongs to the manager of
     * {@code tiles}, so that closing the caller's manager frees it.
     */
    NDArray features(NDArray tiles);

    /**
     * How many leading channels describe shape alone (not colour): the instance verifier compares shapes on them, so
     * that objects of one kind in several colours still look alike. All channels where the backbone does not say.
     */
    default int shapeChannels() {
        return channels();
    }

    /** Where the features are computed; the pipeline keeps its arrays there too. */
    default Device device() {
        return Device.cpu();
    }

    @Override
    default void close() {
    }
}
