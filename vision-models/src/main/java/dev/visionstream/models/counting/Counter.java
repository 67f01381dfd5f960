package dev.visionstream.models.counting;

import dev.visionstream.models.Attempt;
import dev.visionstream.schemas.Box;
import java.awt.image.BufferedImage;
import java.util.List;

/** Class-agnostic counting: how many objects like the exemplar boxes does an image hold. */
public interface Counter {
    /** Counts one image; {@code exemplars} are 1 to 3 boxes in the image's pixels. */
    default CountResult count(BufferedImage image, List<Box> exemplars) {
        return countBatch(List.of(new CountRequest(image, exemplars))).get(0);
    }

    /** Counts one image, reporting {@code estimator}'s estimate as its count. */
    default CountResult count(BufferedImage image, List<Box> exemplars, CountEstimator estimator) {
        return countBatch(List.of(new CountRequest(image, exemplars, estimator))).get(0);
    }

    /** Counts several frames in one batched pass; results are in request order; a frame's failure throws. */
    default List<CountResult> countBatch(List<CountRequest> requests) {
        return countAll(requests).stream().map(Attempt::get).toList();
    }

    /**
     * Counts several frames in one batched pass, each frame's failure staying with it.
     *
     * @return one attempt per request, in request order
     */
    List<Attempt<CountResult>> countAll(List<CountRequest> requests);
}
