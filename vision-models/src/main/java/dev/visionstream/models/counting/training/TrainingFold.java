package dev.visionstream.models.counting.training;

import dev.visionstream.models.Digests;
import dev.visionstream.models.counting.evaluation.BackgroundLibrary;
import dev.visionstream.models.counting.evaluation.BackgroundPhoto;
import dev.visionstream.models.counting.evaluation.Cutout;
import java.util.List;

/**
 * A second divide inside the training split, so that training can measure what the held-out split tests: how the
 * verifier does on classes it never saw, pasted on photographs it never saw. Both the cut-out classes and the
 * photographs are divided, since a check half on shared photographs rewards features that learn the backgrounds. A
 * cut-out's group goes to {@link #CHECK} when the second byte of its SHA-256 is odd (the first byte already decided
 * the train / held-out split), a photograph when the third byte of its file name's is odd: about half of each.
 */
enum TrainingFold {
    FIT, CHECK;

    static TrainingFold of(Cutout c) {
        return (Digests.sha256(c.group())[1] & 1) == 1 ? CHECK : FIT;
    }

    static TrainingFold of(BackgroundPhoto p) {
        return (Digests.sha256(p.file())[2] & 1) == 1 ? CHECK : FIT;
    }

    /** The cut-outs of this fold. */
    List<Cutout> of(List<Cutout> cutouts) {
        return cutouts.stream().filter(c -> of(c) == this).toList();
    }

    /** The photographs of this fold, as a library of their own. */
    BackgroundLibrary of(BackgroundLibrary backgrounds) {
        return backgrounds.only(p -> of(p) == this);
    }
}
