package dev.visionstream.models.counting.training;

import dev.visionstream.models.counting.evaluation.Cutout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * A second divide inside the training classes, so that training can measure what the held-out split tests: how
 * the verifier does on classes it never saw. A cut-out's group goes to {@link #CHECK} when the second byte of its
 * SHA-256 is odd (the first byte already decided the train / held-out split), about half of them.
 */
enum ClassFold {
    FIT, CHECK;

    static ClassFold of(Cutout c) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(c.group().getBytes(StandardCharsets.UTF_8));
            return (digest[1] & 1) == 1 ? CHECK : FIT;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The cut-outs of this fold. */
    List<Cutout> of(List<Cutout> cutouts) {
        return cutouts.stream().filter(c -> of(c) == this).toList();
    }
}
