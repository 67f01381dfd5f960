package dev.visionstream.app.stages.pose;

import dev.visionstream.models.pose.PoseTracker;
import dev.visionstream.schemas.EventIds;
import dev.visionstream.schemas.ModelInfo;
import dev.visionstream.schemas.PoseEvent;
import dev.visionstream.schemas.SourceCoordinates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a {@link PoseEvent} from one tracker step. */
final class PoseEvents {
    private PoseEvents() {
    }

    static PoseEvent of(SourceCoordinates source, String trackId, Instant captureTime, ModelInfo model,
                        PoseTracker.Step step) {
        double[] residuals = step.residualsMm();
        double mean = 0;
        List<Double> residualList = new ArrayList<>();
        for (double r : residuals) {
            mean += r / residuals.length;
            residualList.add(r);
        }
        return new PoseEvent(EventIds.of(PoseEvent.STAGE, source, trackId), PoseEvent.SCHEMA_VERSION,
                PoseEvent.STAGE, source, trackId, captureTime, Instant.now(), model, rows(step.pose().axisAngles()),
                list(step.pose().translation()), mean, Map.of("solveMs", step.solveMs()),
                rows(step.pose().quaternions()), rows(step.fittedJoints()), residualList, step.method(),
                step.initSource(), step.iterations());
    }

    private static List<List<Double>> rows(double[][] values) {
        List<List<Double>> out = new ArrayList<>(values.length);
        for (double[] v : values) {
            out.add(list(v));
        }
        return out;
    }

    private static List<Double> list(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(x);
        }
        return out;
    }
}
