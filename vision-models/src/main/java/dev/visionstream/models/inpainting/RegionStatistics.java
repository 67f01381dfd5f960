package dev.visionstream.models.inpainting;

/**
 * Over which positions region normalisation pools its mean and variance.
 *
 * <p>The official code pools over the whole batch (BatchNorm with batch statistics), so one image's output
 * depends on its batch mates. {@link #PER_IMAGE} computes the same closed form for each image separately, which is
 * what a batch of one gives; the service uses it so that batching never changes a frame's result.
 */
public enum RegionStatistics {
    /** Statistics over batch, height and width, as the released training code computes them. */
    POOLED_OVER_BATCH,
    /** Statistics over height and width of each image (identical to a batch of one). */
    PER_IMAGE
}
