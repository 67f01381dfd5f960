package dev.visionstream.app.stages.splatting;

import dev.visionstream.app.topology.CameraConfigs;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.ErrorReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a rig against the camera registry before a frame waits for partners that cannot come: every view index of
 * the rig needs exactly one camera, and the cameras must agree on how many views the rig has. A rig with a view that
 * no camera serves is unknown (its scenes could only ever time out); two cameras claiming one view, or disagreeing
 * on the view count, is a configuration error (which frame belongs in the scene would be a guess).
 */
final class RigMembership {
    /** What is wrong with a rig, as the error event's reason and message. */
    record Problem(ErrorReason reason, String message) {
    }

    private final CameraConfigs parser = new CameraConfigs();

    /**
     * @param camera     the configuration of the camera whose frame arrived (a member of its rig)
     * @param registered raw configuration JSON of every registered camera, by camera id
     * @return the problem, or null when the rig is well formed
     */
    Problem check(CameraConfig camera, Map<String, String> registered) {
        String rig = camera.rigId();
        Map<Integer, List<String>> camerasByView = new TreeMap<>();
        Map<String, Integer> viewCounts = new TreeMap<>();
        for (Map.Entry<String, String> entry : registered.entrySet()) {
            CameraConfig other;
            try {
                other = parser.parse(entry.getKey(), entry.getValue());
            } catch (CameraConfigs.InvalidConfigException e) {
                continue; // reported on that camera's own frames
            }
            if (rig.equals(other.rigId()) && other.enables(SplattingStage.NAME) && !other.rig().sequence()
                    && other.viewIndex() != null) {
                camerasByView.computeIfAbsent(other.viewIndex(), k -> new ArrayList<>()).add(other.cameraId());
                viewCounts.put(other.cameraId(), other.rig().views());
            }
        }
        if (viewCounts.values().stream().distinct().count() > 1) {
            return new Problem(ErrorReason.BAD_CONFIG, "cameras of rig '" + rig + "' disagree on rig.views: "
                    + viewCounts);
        }
        for (Map.Entry<Integer, List<String>> view : camerasByView.entrySet()) {
            if (view.getValue().size() > 1) {
                return new Problem(ErrorReason.BAD_CONFIG, "view " + view.getKey() + " of rig '" + rig
                        + "' is claimed by cameras " + view.getValue() + ": give each camera its own viewIndex");
            }
        }
        List<Integer> unserved = new ArrayList<>();
        for (int v = 0; v < camera.rig().views(); v++) {
            if (!camerasByView.containsKey(v)) {
                unserved.add(v);
            }
        }
        if (!unserved.isEmpty()) {
            return new Problem(ErrorReason.UNKNOWN_RIG, "rig '" + rig + "' has " + camera.rig().views()
                    + " views but no registered camera serves view(s) " + unserved + " (registered: " + camerasByView
                    + "); its scenes could never complete");
        }
        return null;
    }
}
