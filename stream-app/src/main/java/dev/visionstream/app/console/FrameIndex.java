package dev.visionstream.app.console;

import dev.visionstream.schemas.SourceCoordinates;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the frames the console can show are: per camera the coordinates of the newest frames that events refer to
 * (the latest frame among them), and those pinned because an event links to them. Only coordinates are kept; the
 * bytes are read from the topic when a page asks ({@link FrameLookup}), so the console never reads every frame.
 */
public final class FrameIndex {
    private final int recent;
    private final int pinned;
    private final int maxCameras;
    private final Map<String, CameraFrames> cameras = new LinkedHashMap<>();

    private static final class CameraFrames {
        final LinkedHashMap<Long, SourceCoordinates> recent = new LinkedHashMap<>();
        final LinkedHashMap<Long, SourceCoordinates> pinned = new LinkedHashMap<>();
        SourceCoordinates latest;
    }

    public FrameIndex(int recent, int pinned, int maxCameras) {
        this.recent = recent;
        this.pinned = pinned;
        this.maxCameras = maxCameras;
    }

    /** Remembers where frame {@code at.sequence()} of {@code at.cameraId()} is (coordinates complete). */
    public synchronized void add(SourceCoordinates at) {
        CameraFrames frames = cameras.remove(at.cameraId());
        if (frames == null) {
            frames = new CameraFrames();
            if (cameras.size() >= maxCameras) {
                cameras.remove(cameras.keySet().iterator().next());
            }
        }
        cameras.put(at.cameraId(), frames);
        frames.recent.put(at.sequence(), at);
        // a camera's frames share one partition, where a later offset is a newer frame even when a replay restarted
        // the sequence; events of several stages arrive interleaved, so an older frame's event may come last
        if (frames.latest == null || !at.partition().equals(frames.latest.partition())
                || at.offset() > frames.latest.offset()) {
            frames.latest = at;
        }
        trim(frames.recent, recent);
    }

    /** Keeps frame {@code sequence} of the camera beyond the recent window; false when it is not known. */
    public synchronized boolean pin(String cameraId, long sequence) {
        CameraFrames frames = cameras.get(cameraId);
        if (frames == null) {
            return false;
        }
        SourceCoordinates at = frames.recent.get(sequence);
        if (at == null) {
            return frames.pinned.containsKey(sequence);
        }
        frames.pinned.put(sequence, at);
        trim(frames.pinned, pinned);
        return true;
    }

    public synchronized Optional<SourceCoordinates> latest(String cameraId) {
        CameraFrames frames = cameras.get(cameraId);
        return frames == null ? Optional.empty() : Optional.ofNullable(frames.latest);
    }

    public synchronized Optional<SourceCoordinates> frame(String cameraId, long sequence) {
        CameraFrames frames = cameras.get(cameraId);
        if (frames == null) {
            return Optional.empty();
        }
        SourceCoordinates at = frames.pinned.get(sequence);
        return Optional.ofNullable(at != null ? at : frames.recent.get(sequence));
    }

    private static void trim(LinkedHashMap<Long, SourceCoordinates> map, int max) {
        Iterator<Long> oldest = map.keySet().iterator();
        while (map.size() > max && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
