package dev.visionstream.app.stages.pose;

import dev.visionstream.app.topology.BatchProcessor;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adapts {@code vision.keypoints3d} records to {@link PoseTracker}: the track's state lives in a store keyed by
 * camera id and track id. Bad input becomes a BAD_INPUT error and resets the track; any other failure a
 * STAGE_FAILURE error; the stream goes on either way. A batch runs in {@link TrackRounds}: the records of a round
 * belong to different tracks and go through {@link PoseTracker#stepAll} together (one network pass per solver pass),
 * and each track's records follow one another round by round, as they would one by one.
 */
final class PoseProcessor implements BatchProcessor<KeypointsRecord> {
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

    /** A record read: its source, track and targets; or its error (which resets the track, when it has one). */
    private record Keypoints(Record<String, KeypointsRecord> record, SourceCoordinates source, Instant time,
                             String trackId, String key, double[][] targets, Record<String, Publication> refusal) {
    }

    @Override
    public void processBatch(List<Record<String, KeypointsRecord>> records) {
        List<Keypoints> read = records.stream().map(this::read).toList();
        List<Record<String, Publication>> out = new ArrayList<>(Collections.nCopies(read.size(), null));
        for (int i = 0; i < read.size(); i++) {
            if (read.get(i).key() == null) {
                out.set(i, read.get(i).refusal());
            }
        }
        for (List<Integer> round : TrackRounds.of(read.stream().map(Keypoints::key).toList())) {
            solve(round, read, out);
        }
        out.forEach(context::forward);
    }

    /** Parses a record; one without a track (not JSON, no track id) is refused here, before any round. */
    private Keypoints read(Record<String, KeypointsRecord> record) {
        KeypointsRecord in = record.value();
        Keypoints3dMessage message;
        try {
            message = Json.MAPPER.readValue(in.json() == null ? "" : in.json(), Keypoints3dMessage.class);
        } catch (IOException e) {
            SourceCoordinates source = source(record.key(), in);
            Instant time = Instant.ofEpochMilli(record.timestamp());
            return new Keypoints(record, source, time, null, null, null, error(record, source, time,
                    ErrorReason.BAD_INPUT, "keypoints are not a Keypoints3dMessage: " + e.getMessage(), e));
        }
        String cameraId = message.cameraId() != null ? message.cameraId() : record.key();
        SourceCoordinates source = source(cameraId, in);
        Instant time = message.timestamp() != null ? message.timestamp() : Instant.ofEpochMilli(record.timestamp());
        if (message.trackId() == null || message.trackId().isBlank()) {
            return new Keypoints(record, source, time, null, null, null, error(record, source, time,
                    ErrorReason.BAD_INPUT, "keypoints without a trackId", null));
        }
        String key = cameraId + "/" + message.trackId();
        try {
            double[][] targets = KeypointInput.toSmpl24(message.format(), message.names(), message.joints());
            return new Keypoints(record, source, time, message.trackId(), key, targets, null);
        } catch (BadPoseInputException e) {
            return new Keypoints(record, source, time, message.trackId(), key, null, badInput(record, source, time,
                    message.trackId(), e));
        } catch (RuntimeException e) {
            return new Keypoints(record, source, time, message.trackId(), key, null, stageFailure(record, source,
                    time, e));
        }
    }

    /**
     * One round (each record of another track): the records whose keypoints converted step together; a refused
     * record and a failed step reset their track, a step stores its state. Each record's publication goes to its
     * place in {@code out}.
     */
    private void solve(List<Integer> round, List<Keypoints> read, List<Record<String, Publication>> out) {
        List<Integer> stepped = new ArrayList<>();
        List<PoseTracker.Request> requests = new ArrayList<>();
        for (int i : round) {
            Keypoints k = read.get(i);
            if (k.refusal() != null) {
                states.delete(k.key());
                out.set(i, k.refusal());
            } else {
                stepped.add(i);
                requests.add(new PoseTracker.Request(states.get(k.key()), k.targets(), k.time().toEpochMilli(),
                        PoseTracker.Method.LEARNED));
            }
        }
        if (requests.isEmpty()) {
            return;
        }
        List<PoseTracker.Attempt> attempts;
        try {
            attempts = tracker().stepAll(requests);
        } catch (RuntimeException e) {
            for (int i : stepped) {
                Keypoints k = read.get(i);
                states.delete(k.key());
                out.set(i, stageFailure(k.record(), k.source(), k.time(), e));
            }
            return;
        }
        for (int j = 0; j < stepped.size(); j++) {
            int i = stepped.get(j);
            out.set(i, publish(read.get(i), attempts.get(j)));
        }
    }

    private Record<String, Publication> publish(Keypoints k, PoseTracker.Attempt attempt) {
        try {
            PoseTracker.Step step = attempt.get();
            states.put(k.key(), step.state());
            PoseEvent event = PoseEvents.of(k.source(), k.trackId(), k.time(), model, step);
            return k.record().withValue(new Publication(Topics.POSES, event));
        } catch (BadPoseInputException e) {
            states.delete(k.key());
            return badInput(k.record(), k.source(), k.time(), k.trackId(), e);
        } catch (RuntimeException e) {
            states.delete(k.key());
            return stageFailure(k.record(), k.source(), k.time(), e);
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

    /** The error record of a record on which the processor itself threw (batching runs it as a guarded stage). */
    static Record<String, Publication> failure(Record<String, KeypointsRecord> record, RuntimeException e) {
        return stageFailure(record, source(record.key(), record.value()), Instant.ofEpochMilli(record.timestamp()), e);
    }

    private static Record<String, Publication> badInput(Record<String, KeypointsRecord> record,
                                                        SourceCoordinates source, Instant time, String trackId,
                                                        BadPoseInputException e) {
        return error(record, source, time, ErrorReason.BAD_INPUT, "track " + trackId + ": " + e.getMessage()
                + " (track reset)", e);
    }

    private static Record<String, Publication> stageFailure(Record<String, KeypointsRecord> record,
                                                            SourceCoordinates source, Instant time,
                                                            RuntimeException e) {
        return error(record, source, time, ErrorReason.STAGE_FAILURE, "pose failed: " + e, e);
    }

    private static Record<String, Publication> error(Record<String, KeypointsRecord> record, SourceCoordinates source,
                                                     Instant time, ErrorReason reason, String message,
                                                     Throwable cause) {
        return record.withValue(ErrorEvents.of(PoseEvent.STAGE, source, time, reason, message, cause));
    }

    private static SourceCoordinates source(String cameraId, KeypointsRecord in) {
        return new SourceCoordinates(cameraId == null || cameraId.isBlank() ? "unknown" : cameraId,
                Topics.KEYPOINTS_3D, in.partition(), in.offset(), null);
    }

    @Override
    public void close() {
        if (tracker != null) {
            tracker.close();
        }
    }
}
