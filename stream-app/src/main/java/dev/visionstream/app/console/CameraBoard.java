package dev.visionstream.app.console;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cameras page's table: every camera seen in configs or events, with its status, last frame time, frame rate
 * and the service's consumer lag on its frames partition. Frames are counted from the events about them, each
 * frame once however many stages report on it.
 */
public final class CameraBoard {
    /** Frames per second are counted over this much wall-clock time. */
    static final long RATE_WINDOW_MS = 5_000;
    /** Frame offsets remembered per camera to count a frame once; stages report a frame within this many. */
    static final int SEEN_FRAMES = 256;

    /** One row. {@code status} is {@code ok}, {@code alert}, {@code stalled} or {@code no-config}. */
    public record CameraRow(String cameraId, String status, Instant lastFrameTime, double fps, long lag, long frames,
                            List<String> stages) {
    }

    private static final class Camera {
        List<String> stages = List.of();
        boolean configured;
        Instant lastFrameTime;
        long frames;
        int partition = -1;
        final Deque<Long> arrivals = new ArrayDeque<>();
        final Set<Long> seen = new LinkedHashSet<>();
        boolean alert;
        boolean stalled;
    }

    private final Map<String, Camera> cameras = new TreeMap<>();
    private Map<Integer, Long> lagByPartition = Map.of();

    public synchronized void config(String cameraId, List<String> stages) {
        Camera c = cameras.computeIfAbsent(cameraId, k -> new Camera());
        c.configured = stages != null;
        c.stages = stages == null ? List.of() : List.copyOf(stages);
    }

    /** An event about the frame at {@code offset}; only the first one for a frame counts. */
    public synchronized void frame(String cameraId, long offset, Instant captureTime, int partition, long nowMs) {
        Camera c = cameras.computeIfAbsent(cameraId, k -> new Camera());
        if (!c.seen.add(offset) && partition == c.partition) {
            return;
        }
        if (c.seen.size() > SEEN_FRAMES) {
            c.seen.remove(c.seen.iterator().next());
        }
        if (captureTime != null && (c.lastFrameTime == null || captureTime.isAfter(c.lastFrameTime))) {
            c.lastFrameTime = captureTime;
        }
        c.frames++;
        c.partition = partition;
        c.stalled = false;
        c.arrivals.addLast(nowMs);
        dropOld(c, nowMs);
    }

    /** The camera's latest health evaluation: its finding kinds (empty when all is well). */
    public synchronized void health(String cameraId, List<String> findingKinds) {
        Camera c = cameras.computeIfAbsent(cameraId, k -> new Camera());
        c.alert = !findingKinds.isEmpty();
        c.stalled = findingKinds.contains("STALL");
    }

    public synchronized void lag(Map<Integer, Long> byPartition) {
        this.lagByPartition = Map.copyOf(byPartition);
    }

    public synchronized List<CameraRow> rows(long nowMs) {
        List<CameraRow> rows = new ArrayList<>();
        cameras.forEach((id, c) -> {
            dropOld(c, nowMs);
            String status = !c.configured ? "no-config" : c.stalled ? "stalled" : c.alert ? "alert" : "ok";
            rows.add(new CameraRow(id, status, c.lastFrameTime, c.arrivals.size() * 1000.0 / RATE_WINDOW_MS,
                    lagByPartition.getOrDefault(c.partition, 0L), c.frames, c.stages));
        });
        return rows;
    }

    private static void dropOld(Camera c, long nowMs) {
        while (!c.arrivals.isEmpty() && c.arrivals.peekFirst() < nowMs - RATE_WINDOW_MS) {
            c.arrivals.removeFirst();
        }
    }
}
