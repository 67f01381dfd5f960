package dev.visionstream.app.stages.camerahealth;

import dev.visionstream.app.topology.Publication;
import dev.visionstream.app.topology.StageInput;
import dev.visionstream.models.health.CameraHealthRules;
import dev.visionstream.models.health.CameraHealthState;
import dev.visionstream.models.health.FrameObservation;
import dev.visionstream.models.health.HealthEvaluation;
import dev.visionstream.models.image.LumaImage;
import dev.visionstream.schemas.CameraHealthEvent;
import dev.visionstream.schemas.EventIds;
import dev.visionstream.schemas.HealthFinding;
import dev.visionstream.schemas.SourceCoordinates;
import dev.visionstream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Adapts records to {@link CameraHealthRules}; the camera's state lives in a store keyed by camera id. */
final class CameraHealthProcessor implements Processor<String, StageInput, String, Publication> {
    private final String storeName;
    private final Duration stallCheckInterval;
    private ProcessorContext<String, Publication> context;
    private KeyValueStore<String, CameraHealthState> states;

    CameraHealthProcessor(String storeName, Duration stallCheckInterval) {
        this.storeName = storeName;
        this.stallCheckInterval = stallCheckInterval;
    }

    @Override
    public void init(ProcessorContext<String, Publication> context) {
        this.context = context;
        this.states = context.getStateStore(storeName);
        context.schedule(stallCheckInterval, PunctuationType.WALL_CLOCK_TIME, this::reportStalls);
    }

    @Override
    public void process(Record<String, StageInput> record) {
        StageInput in = record.value();
        long now = context.currentSystemTimeMs();
        FrameObservation frame = new FrameObservation(in.sequence(), in.image().getWidth(), in.image().getHeight(),
                LumaImage.of(in.image()), in.source(), in.captureTime().toEpochMilli(), now);
        HealthEvaluation evaluation = CameraHealthRules.evaluate(states.get(in.cameraId()), frame,
                in.config().health());
        states.put(in.cameraId(), evaluation.next());
        CameraHealthEvent event = event(in.source(), in.captureTime(), evaluation.findings(), evaluation);
        context.forward(record.withValue(new Publication(Topics.CAMERA_HEALTH, event)));
    }

    private void reportStalls(long wallNowMs) {
        List<KeyValue<String, CameraHealthState>> stalled = new ArrayList<>();
        try (KeyValueIterator<String, CameraHealthState> all = states.all()) {
            all.forEachRemaining(stalled::add);
        }
        for (KeyValue<String, CameraHealthState> entry : stalled) {
            CameraHealthState state = entry.value;
            Optional<HealthFinding> stall = CameraHealthRules.checkStall(state, wallNowMs);
            if (stall.isPresent()) {
                states.put(entry.key, state.withStallReported());
                CameraHealthEvent event = event(state.lastSource(), Instant.ofEpochMilli(state.lastCaptureMs()),
                        List.of(stall.get()), null);
                // a stall is reported on the camera's own key, stamped with the time it was noticed
                context.forward(new Record<>(entry.key, new Publication(Topics.CAMERA_HEALTH, event), wallNowMs));
            }
        }
    }

    private static CameraHealthEvent event(SourceCoordinates source, Instant captureTime,
                                           List<HealthFinding> findings, HealthEvaluation evaluation) {
        String discriminator = evaluation == null ? "stall" : "frame";
        return new CameraHealthEvent(EventIds.of(CameraHealthEvent.STAGE, evaluation == null ? null : source,
                discriminator), CameraHealthEvent.SCHEMA_VERSION, CameraHealthEvent.STAGE, source, captureTime,
                Instant.now(), findings.isEmpty() ? "ok" : "alert", findings,
                evaluation == null ? null : evaluation.stats());
    }
}
