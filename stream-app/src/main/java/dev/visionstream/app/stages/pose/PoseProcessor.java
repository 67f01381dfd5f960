package dev.visionstream.app.stages.pose;

import dev.visionstream.app.topology.ErrorEvents;
import dev.visionstream.app.topology.Publication;
import dev.visionstream.models.DeviceSetting;
import dev.visionstream.models.pose.BadPoseInputException;
import dev.visionstream.models.pose.KeypointInput;
import dev.visionstream.models.pose.PoseTracker;
import dev.visionstream.models.pose.TrackState;
import dev.visionstream.schemas.ErrorReason;
import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.Keypoints3dMessage;
import dev.visionstream.schemas.ModelInfo;
import dev.visionstream.schemas.PoseEvent;
import dev.visionstream.schemas.SourceCoordinates;
import dev.visionstream.schemas.Topics;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adapts {@code vision.keypoints3d} records to {@link PoseTracker}: the track's state lives in a store keyed by
 * camera id and track id. Bad input becomes a BAD_INPUT error and resets the track; any other failure a
 * STAGE_FAILURE error; the stream goes on either way.
 */
final class PoseProcessor implements Processor<String, String, String, Publication> {
    private final String storeName;
    private final Supplier<PoseTracker> trackers;
    private ProcessorContext<String, Publication> context;
    private KeyValueStore<String, TrackState> states;
    private PoseTracker tracker;
    private ModelInfo model;

    PoseProcessor(String storeName, Supplier<PoseTracker> trackers) {
        this.storeName = storeName;
        this.trackers = trackers;
    }

    @Override
    public void init(ProcessorContext<String, Publication> context) {
        this.context = context;
        this.states = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, String> record) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        Keypoints3dMessage message;
        try {
            message = Json.MAPPER.readValue(record.value() == null ? "" : record.value(), Keypoints3dMessage.class);
        } catch (IOException e) {
            fail(record, source(record.key(), meta), Instant.ofEpochMilli(record.timestamp()), ErrorReason.BAD_INPUT,
                    "keypoints are not a Keypoints3dMessage: " + e.getMessage(), e, null);
            return;
        }
        String cameraId = message.cameraId() != null ? message.cameraId() : record.key();
        SourceCoordinates source = source(cameraId, meta);
        Instant time = message.timestamp() != null ? message.timestamp() : Instant.ofEpochMilli(record.timestamp());
        if (message.trackId() == null || message.trackId().isBlank()) {
            fail(record, source, time, ErrorReason.BAD_INPUT, "keypoints without a trackId", null, null);
            return;
        }
        String key = cameraId + "/" + message.trackId();
        try {
            double[][] targets = KeypointInput.toSmpl24(message.format(), message.names(), message.joints());
            PoseTracker.Step step = tracker().step(states.get(key), targets, time.toEpochMilli(),
                    PoseTracker.Method.LEARNED);
            states.put(key, step.state());
            PoseEvent event = PoseEvents.of(source, message.trackId(), time, model, step);
            context.forward(record.withValue(new Publication(Topics.POSES, event)));
        } catch (BadPoseInputException e) {
            fail(record, source, time, ErrorReason.BAD_INPUT, "track " + message.trackId() + ": " + e.getMessage()
                    + " (track reset)", e, key);
        } catch (RuntimeException e) {
            fail(record, source, time, ErrorReason.STAGE_FAILURE, "pose failed: " + e, e, key);
        }
    }

    private PoseTracker tracker() {
        if (tracker == null) {
            tracker = trackers.get();
            model = new ModelInfo("learnable-smplify-" + tracker.learned().architecture(), "1",
                    tracker.learned().name().equals("built-in")
                            ? "built-in: trained in the project by `vision pose train` on synthetic motion"
                            : "user-supplied: " + tracker.learned().name(),
                    DeviceSetting.label(tracker.learned().device()));
        }
        return tracker;
    }

    private void fail(Record<String, String> record, SourceCoordinates source, Instant time, ErrorReason reason,
                      String message, Throwable cause, String resetKey) {
        if (resetKey != null) {
            states.delete(resetKey);
        }
        context.forward(record.withValue(ErrorEvents.of(PoseEvent.STAGE, source, time, reason, message, cause)));
    }

    private static SourceCoordinates source(String cameraId, RecordMetadata meta) {
        return new SourceCoordinates(cameraId == null || cameraId.isBlank() ? "unknown" : cameraId,
                Topics.KEYPOINTS_3D, meta == null ? null : meta.partition(), meta == null ? null : meta.offset(), null);
    }

    @Override
    public void close() {
        if (tracker != null) {
            tracker.close();
        }
    }
}
