package dev.visionstream.app.stages.splatting;

import java.util.Map;
import java.util.TreeMap;

/**
 * The capture time of the newest frame seen per view of a rig. Each camera's frames arrive in capture order, but
 * the cameras of a rig drift apart (their frames come from different partitions, and after a restart or a
 * rebalance a backlog is worked off camera by camera), so a view having moved past a scene is what proves that the
 * scene will not get that view.
 */
public record RigProgress(Map<Integer, Long> lastCaptureByView) {
    public static final RigProgress NONE = new RigProgress(Map.of());

    public RigProgress {
        lastCaptureByView = lastCaptureByView == null ? Map.of() : Map.copyOf(lastCaptureByView);
    }

    /** The newest capture time of {@code view}, or null when it sent nothing yet. */
    public Long last(int view) {
        return lastCaptureByView.get(view);
    }

    public RigProgress with(int view, long captureMs) {
        Map<Integer, Long> next = new TreeMap<>(lastCaptureByView);
        next.merge(view, captureMs, Math::max);
        return new RigProgress(next);
    }

    /** Whether every view missing from {@code scene} has sent a frame after the scene's capture window. */
    public boolean passed(PendingScene scene, long toleranceMs) {
        for (int view : scene.missingViews()) {
            Long last = last(view);
            if (last == null || last <= scene.firstCaptureMs() + toleranceMs) {
                return false;
            }
        }
        return true;
    }
}
