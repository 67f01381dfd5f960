package dev.visionstream.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visionstream.models.Attempt;
import dev.visionstream.schemas.CameraConfig;
import dev.visionstream.schemas.ErrorEvent;
import dev.visionstream.schemas.ErrorReason;
import dev.visionstream.schemas.SourceCoordinates;
import dev.visionstream.schemas.Topics;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class FrameBatchTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String STAGE = "probe";

    private record Job(Record<String, StageInput> record, Record<String, Publication> refusal)
            implements FrameBatch.Job {
    }

    /**
     * Record 1 throws in its check, record 2 is refused, record 4's attempt failed and record 5 throws in finish;
     * the others give two outputs each, "n" and "n+".
     */
    private static final class Probe implements FrameBatch.Steps<Job, Integer> {
        final List<List<Long>> modelCalls = new ArrayList<>();

        @Override
        public Job check(Record<String, StageInput> record) {
            long seq = record.value().sequence();
            if (seq == 1) {
                throw new IllegalStateException("check blew up");
            }
            return seq == 2 ? new Job(null, record.withValue(ErrorEvents.of(STAGE, record.value().source(),
                    record.value().captureTime(), ErrorReason.BAD_INPUT, "refused", null))) : new Job(record, null);
        }

        @Override
        public List<Attempt<Integer>> runAll(List<Job> passed) {
            modelCalls.add(passed.stream().map(j -> j.record().value().sequence()).toList());
            return passed.stream().map(j -> j.record().value().sequence() == 4
                    ? Attempt.<Integer>failed(new IllegalArgumentException("model refused it"))
                    : Attempt.of((int) j.record().value().sequence())).toList();
        }

        @Override
        public List<Record<String, Publication>> finish(Job job, Attempt<Integer> attempt) {
            int n = attempt.get();
            if (n == 5) {
                throw new IllegalStateException("finish blew up");
            }
            return List.of(output(job, n + ""), output(job, n + "+"));
        }

        private static Record<String, Publication> output(Job job, String text) {
            return job.record().withValue(Publication.frame(Topics.FRAMES_INPAINTED,
                    text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static Record<String, StageInput> record(int seq) {
        CameraConfig config = new CameraConfig("cam-1", List.of(STAGE), null, null, null, null, null, null, null,
                null, null, null, null);
        StageInput in = new StageInput("cam-1", new SourceCoordinates("cam-1", Topics.FRAMES, 0, (long) seq,
                (long) seq), T0.plusMillis(seq), seq, config, "image/png", new byte[0],
                new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB));
        return new Record<>("cam-1", in, T0.plusMillis(seq).toEpochMilli());
    }

    private static String describe(Record<String, Publication> r) {
        if (r.value().isFrame()) {
            return new String(r.value().frame(), StandardCharsets.UTF_8);
        }
        ErrorEvent e = (ErrorEvent) r.value().event();
        return e.source().offset() + ":" + e.reason() + ":" + e.message();
    }

    @Test
    void eachFailureStaysWithItsRecordAndTheOutputsKeepTheInputOrder() {
        Probe probe = new Probe();
        List<Record<String, Publication>> out = FrameBatch.run(STAGE,
                IntStream.range(0, 7).mapToObj(FrameBatchTest::record).toList(), probe);

        assertEquals(List.of(List.of(0L, 3L, 4L, 5L, 6L)), probe.modelCalls, "one model call for what passed");
        List<String> seen = out.stream().map(FrameBatchTest::describe).toList();
        assertEquals(10, seen.size(), String.join("\n", seen));
        assertEquals(List.of("0", "0+"), seen.subList(0, 2));
        assertTrue(seen.get(2).startsWith("1:STAGE_FAILURE:") && seen.get(2).contains("check blew up"), seen.get(2));
        assertEquals("2:BAD_INPUT:refused", seen.get(3));
        assertEquals(List.of("3", "3+"), seen.subList(4, 6));
        assertTrue(seen.get(6).startsWith("4:STAGE_FAILURE:") && seen.get(6).contains("model refused it"),
                seen.get(6));
        assertTrue(seen.get(7).startsWith("5:STAGE_FAILURE:") && seen.get(7).contains("finish blew up"),
                seen.get(7));
        assertEquals(List.of("6", "6+"), seen.subList(8, 10));
    }

    @Test
    void aBatchThatAllFailsItsChecksCallsNoModel() {
        Probe probe = new Probe();
        List<Record<String, Publication>> out = FrameBatch.run(STAGE, List.of(record(1), record(2)), probe);
        assertEquals(List.of(), probe.modelCalls);
        assertEquals(2, out.size());
    }
}
