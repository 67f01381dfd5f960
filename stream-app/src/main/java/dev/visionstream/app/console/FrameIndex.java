package dev.visionstream.app.console;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The frames the console can show: per camera the newest few by sequence (the latest frame, and the one an alert
 * or an inpainting refers to when its event arrives just after), and frames pinned because an event shows them.
 * Memory is bounded by cameras x (recent + pinned) frames.
 */
public final class FrameCache {
    /** An encoded frame and its content type. */
    public record Picture(byte[] bytes, String contentType) {
    }

    private final int recent;
    private final int pinned;
    private final int maxCameras;
    private final Map<String, CameraFrames> cameras = new LinkedHashMap<>();

    private static final class CameraFrames {
        final LinkedHashMap<Long, Picture> recent = new LinkedHashMap<>();
        final LinkedHashMap<Long, Picture> pinned = new LinkedHashMap<>();
        long latest = -1;
    }

    public FrameCache(int recent, int pinned, int maxCameras) {
        this.recent = recent;
        this.pinned = pinned;
        this.maxCameras = maxCameras;
    }

    public synchronized void add(String cameraId, long sequence, Picture picture) {
        CameraFrames frames = cameras.remove(cameraId);
        if (frames == null) {
            frames = new CameraFrames();
            if (cameras.size() >= maxCameras) {
                cameras.remove(cameras.keySet().iterator().next());
            }
        }
        cameras.put(cameraId, frames);
        frames.recent.put(sequence, picture);
        frames.latest = sequence;
        trim(frames.recent, recent);
    }

    /** Keeps frame {@code sequence} of the camera beyond the recent window; false when it is no longer held. */
    public synchronized boolean pin(String cameraId, long sequence) {
        CameraFrames frames = cameras.get(cameraId);
        if (frames == null) {
            return false;
        }
        Picture p = frames.recent.get(sequence);
        if (p == null) {
            return frames.pinned.containsKey(sequence);
        }
        frames.pinned.put(sequence, p);
        trim(frames.pinned, pinned);
        return true;
    }

    public synchronized Optional<Picture> latest(String cameraId) {
        CameraFrames frames = cameras.get(cameraId);
        return frames == null ? Optional.empty() : Optional.ofNullable(frames.recent.get(frames.latest));
    }

    public synchronized Optional<Picture> frame(String cameraId, long sequence) {
        CameraFrames frames = cameras.get(cameraId);
        if (frames == null) {
            return Optional.empty();
        }
        Picture p = frames.pinned.get(sequence);
        return Optional.ofNullable(p != null ? p : frames.recent.get(sequence));
    }

    private static void trim(LinkedHashMap<Long, Picture> map, int max) {
        Iterator<Long> oldest = map.keySet().iterator();
        while (map.size() > max && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }
}
