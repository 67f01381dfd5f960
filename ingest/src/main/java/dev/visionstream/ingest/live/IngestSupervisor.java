package dev.visionstream.ingest.live;

import dev.visionstream.ingest.FrameProducer;
import dev.visionstream.ingest.FrameSentListener;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.ErrorReason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cameras of one ingest process, each a {@link LiveCamera} on threads of its own that share one producer.
 * Configurations arrive at any time ({@link #apply}): a new camera starts, a changed source or policy restarts
 * that camera alone, a configuration without a source or a removal stops it. A camera that cannot even be set up
 * gives an error event and leaves the others running.
 */
public final class IngestSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestSupervisor.class);

    private final FrameProducer producer;
    private final IngestEvents events;
    private final FrameSentListener listener;
    private final Map<String, LiveCamera> cameras = new LinkedHashMap<>();
    private final Map<String, CameraConfig> configs = new LinkedHashMap<>();
    private boolean closed;

    public IngestSupervisor(FrameProducer producer, IngestEvents events, FrameSentListener listener) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.events = Objects.requireNonNull(events, "events");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Starts, restarts or stops the camera of {@code config} so that it runs as configured. */
    public synchronized void apply(CameraConfig config) {
        if (closed) {
            return;
        }
        String id = config.cameraId();
        CameraConfig previous = configs.get(id);
        if (config.source() == null) {
            remove(id);
            return;
        }
        if (previous != null && cameras.containsKey(id) && previous.source().equals(config.source())
                && previous.livePolicy() == config.livePolicy()) {
            configs.put(id, config); // stages or thresholds changed: the topology's business, not ingest's
            return;
        }
        stop(id);
        try {
            LiveCamera camera = new LiveCamera(config, producer, events, listener);
            camera.start();
            cameras.put(id, camera);
            configs.put(id, config);
            LOG.info("camera {}: ingesting {} ({} policy)", id, config.source().url(),
                    config.livePolicy() ? "live" : "replay");
        } catch (RuntimeException e) {
            LOG.warn("camera {}: cannot start: {}", id, e.getMessage());
            events.publish(IngestEvents.error(id, null, ErrorReason.BAD_CONFIG,
                    "cannot start ingest of " + config.source().url() + ": " + e.getMessage(), e));
        }
    }

    /** Stops ingesting {@code cameraId}, if it runs here. */
    public synchronized void remove(String cameraId) {
        if (stop(cameraId)) {
            LOG.info("camera {}: removed", cameraId);
        }
    }

    private boolean stop(String cameraId) {
        configs.remove(cameraId);
        LiveCamera camera = cameras.remove(cameraId);
        if (camera != null) {
            camera.close();
            return true;
        }
        return false;
    }

    /** The running cameras by id (a snapshot). */
    public synchronized Map<String, LiveCamera> cameras() {
        return Map.copyOf(cameras);
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (String id : Map.copyOf(cameras).keySet()) {
            stop(id);
        }
    }
}
