package dev.visionstream.ingest.live;

import dev.visionstream.schemas.CameraHealthEvent;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.EventSchemas;
import dev.visionstream.schemas.HealthKind;
import dev.visionstream.schemas.VisionEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Ingest events kept in memory, each checked against its JSON Schema on arrival. */
final class CollectedEvents implements IngestEvents {
    final List<VisionEvent> all = new CopyOnWriteArrayList<>();
    final List<String> schemaViolations = new CopyOnWriteArrayList<>();

    @Override
    public void publish(VisionEvent event) {
        schemaViolations.addAll(EventSchemas.violationsOf(event));
        all.add(event);
    }

    @Override
    public String toString() {
        return all.stream().map(e -> e.source().cameraId() + ": " + KafkaIngestEvents.describe(e)).toList().toString();
    }

    List<CameraHealthEvent> health(String camera, HealthKind kind) {
        return all.stream().filter(e -> e instanceof CameraHealthEvent).map(e -> (CameraHealthEvent) e)
                .filter(e -> e.source().cameraId().equals(camera))
                .filter(e -> e.findings().stream().anyMatch(f -> f.kind() == kind)).toList();
    }

    List<ErrorEvent> errors(String camera) {
        return all.stream().filter(e -> e instanceof ErrorEvent).map(e -> (ErrorEvent) e)
                .filter(e -> e.source().cameraId().equals(camera)).toList();
    }

    /** Index in arrival order of the first event of {@code kind} for {@code camera}, or -1. */
    int firstIndex(String camera, HealthKind kind) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof CameraHealthEvent h && h.source().cameraId().equals(camera)
                    && h.findings().stream().anyMatch(f -> f.kind() == kind)) {
                return i;
            }
        }
        return -1;
    }
}
