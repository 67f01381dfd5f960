package dev.visionstream.app.topology;

import dev.visionstream.models.Attempt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.streams.processor.api.Record;

/**
 * How a batched frame stage runs a batch: each record is checked on its own, the records that pass go through the
 * model in one call, and each result becomes its record's outputs. Everything comes back in input order, and a failure
 * at any step (a refusal, an exception, a failed attempt) stays with its record.
 */
public final class FrameBatch {
    /** A checked record: ready for the model, or refused with its error record. */
    public interface Job {
        Record<String, StageInput> record();

        /** The error record of a record that failed its checks; null when it passed. */
        Record<String, Publication> refusal();
    }

    /**
     * A stage's three steps.
     *
     * @param <J> a checked record
     * @param <R> the model's result for one record
     */
    public interface Steps<J extends Job, R> {
        /** Checks a record; an exception becomes its {@code STAGE_FAILURE} event. */
        J check(Record<String, StageInput> record);

        /** Runs the records that passed, in one model call where it can; one attempt per job, in order. */
        List<Attempt<R>> runAll(List<J> passed);

        /** A job's outputs from its attempt; an exception becomes its {@code STAGE_FAILURE} event. */
        List<Record<String, Publication>> finish(J job, Attempt<R> attempt);
    }

    private FrameBatch() {
    }

    /** What the stage forwards for {@code records}, in their order. */
    public static <J extends Job, R> List<Record<String, Publication>> run(String stage,
            List<Record<String, StageInput>> records, Steps<J, R> steps) {
        List<Record<String, Publication>> refusals = new ArrayList<>(Collections.nCopies(records.size(), null));
        List<J> passed = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                J job = steps.check(records.get(i));
                if (job.refusal() != null) {
                    refusals.set(i, job.refusal());
                } else {
                    passed.add(job);
                }
            } catch (RuntimeException e) {
                refusals.set(i, StageFailures.of(stage, records.get(i), e));
            }
        }
        List<Attempt<R>> attempts = passed.isEmpty() ? List.of() : steps.runAll(passed);
        List<Record<String, Publication>> out = new ArrayList<>(records.size());
        int next = 0; // the jobs that passed are in input order, so the next unrefused record is passed.get(next)
        for (Record<String, Publication> refusal : refusals) {
            if (refusal != null) {
                out.add(refusal);
                continue;
            }
            J job = passed.get(next);
            try {
                out.addAll(steps.finish(job, attempts.get(next)));
            } catch (RuntimeException e) {
                out.add(StageFailures.of(stage, job.record(), e));
            }
            next++;
        }
        return out;
    }
}
