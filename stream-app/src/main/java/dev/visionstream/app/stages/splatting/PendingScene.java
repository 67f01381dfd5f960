package dev.visionstream.app.stages.splatting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Views of one rig (or one camera in sequence mode) collected for a scene, kept in a state store keyed by rig id.
 *
 * @param firstCaptureMs capture time of the first view: later views belong if within the tolerance of it
 * @param openedWallMs   wall-clock time the scene was opened, for the timeout
 */
public record PendingScene(String key, long firstCaptureMs, long openedWallMs, int expectedViews, long timeoutMs,
                           List<Integer> keepViews, List<PendingView> views) {
    public PendingScene {
        keepViews = keepViews == null ? List.of() : List.copyOf(keepViews);
        views = views == null ? List.of() : List.copyOf(views);
    }

    /** Adds a view of a rig, replacing an earlier frame of the same view index; views stay sorted by index. */
    public PendingScene withView(PendingView view) {
        List<PendingView> next = new ArrayList<>(views);
        next.removeIf(v -> v.viewIndex() == view.viewIndex());
        next.add(view);
        next.sort(Comparator.comparingInt(PendingView::viewIndex));
        return new PendingScene(key, firstCaptureMs, openedWallMs, expectedViews, timeoutMs, keepViews, next);
    }

    public boolean complete() {
        return views.size() >= expectedViews;
    }

    public List<Integer> missingViews() {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < expectedViews; i++) {
            int index = i;
            if (views.stream().noneMatch(v -> v.viewIndex() == index)) {
                missing.add(i);
            }
        }
        return missing;
    }
}
