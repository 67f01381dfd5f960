package dev.visionstream.models.counting;

import dev.visionstream.schemas.Json;
import dev.visionstream.schemas.ModelInfo;
import dev.visionstream.schemas.Point;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Counting by verified instances: every candidate of {@link InstanceCandidates} is judged by a small network trained
 * in the project on composites of the training classes ({@code vision count train-verifier}); the candidates it
 * accepts are kept most probable first, and one closer to a kept one than {@code suppression} times the smaller of
 * their two sizes is the same object (each candidate's size is that of the exemplar and scale its pixels matched).
 *
 * @param network     the verifier
 * @param threshold   a candidate is an object when the verifier's probability reaches this
 * @param suppression accepted candidates closer than this share of the smaller one's shorter side are one object
 * @param backbone    the backbone whose features it was trained on, "name version" ({@link #backboneLabel})
 * @param provenance  how the verifier was made: command, scenes, seeds, validation figures
 */
public record VerifiedInstances(VerifierNetwork network, double threshold, double suppression, String backbone,
                                String provenance) {
    public static final String FORMAT = "vision-instance-verifier/1";
    /** The built-in verifier, trained by the command in its own file's {@code provenance}. */
    static final String RESOURCE = "/dev/visionstream/models/counting/instance-verifier.json";
    /** The built-in verifier for the candidates' features with {@link DetectorFeatures}' after them. */
    static final String DETECTOR_RESOURCE = "/dev/visionstream/models/counting/instance-verifier-detector.json";
    private static final List<String> WITH_DETECTOR = Stream.concat(InstanceCandidates.FEATURES.stream(),
            DetectorFeatures.FEATURES.stream()).toList();

    public VerifiedInstances {
        if (!(threshold > 0 && threshold < 1) || !(suppression > 0)) {
            throw new IllegalArgumentException("threshold must be in (0, 1) and suppression positive, got "
                    + threshold + ", " + suppression);
        }
        if (network.features() != features(false).size() && network.features() != features(true).size()) {
            throw new IllegalArgumentException("the verifier takes " + network.features() + " features, the "
                    + "candidates have " + features(false).size() + ", or " + features(true).size()
                    + " with the detector's");
        }
    }

    /** The features a verifier judges: the candidates' own, and the detector's after them when it uses those. */
    public static List<String> features(boolean detector) {
        return detector ? WITH_DETECTOR : InstanceCandidates.FEATURES;
    }

    /** Whether this verifier judges the {@link DetectorFeatures} too (so the counter must compute them). */
    public boolean usesDetector() {
        return network.features() == features(true).size();
    }

    /** The file form: the network's arrays with the names of its features. */
    record VerifierFile(String format, List<String> features, double threshold, double suppression,
                        String backbone, String provenance, double[] mean, double[] scale, double[][] hidden,
                        double[] output) {
    }

    /** The verifier built into the library. */
    public static VerifiedInstances builtIn() {
        return builtIn(false);
    }

    /** The built-in verifier without or with the detector's features. */
    public static VerifiedInstances builtIn(boolean detector) {
        String resource = detector ? DETECTOR_RESOURCE : RESOURCE;
        try (InputStream in = VerifiedInstances.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the built-in instance verifier " + resource + " is missing");
            }
            return of(Json.MAPPER.readValue(in, VerifierFile.class), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in instance verifier " + resource, e);
        }
    }

    /**
     * A verifier written by {@link #write}, or the built-in one for null.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or is not a verifier for these features
     */
    public static VerifiedInstances readOrBuiltIn(Path file) {
        return readOrBuiltIn(file, false);
    }

    /** {@link #readOrBuiltIn(Path)}, where the built-in one is that for the detector's features when asked. */
    public static VerifiedInstances readOrBuiltIn(Path file, boolean detector) {
        if (file == null) {
            return builtIn(detector);
        }
        try {
            return read(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the instance verifier " + file + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    /** A verifier written by {@link #write}. */
    public static VerifiedInstances read(Path file) throws IOException {
        return of(Json.MAPPER.readValue(file.toFile(), VerifierFile.class), file.toString());
    }

    private static VerifiedInstances of(VerifierFile f, String where) {
        boolean known = features(false).equals(f.features()) || features(true).equals(f.features());
        if (!FORMAT.equals(f.format()) || !known) {
            throw new IllegalArgumentException(where + " is not a " + FORMAT + " verifier for the features "
                    + features(false) + ", alone or with " + DetectorFeatures.FEATURES + " (format " + f.format()
                    + ", features " + f.features() + ")");
        }
        return new VerifiedInstances(new VerifierNetwork(f.mean(), f.scale(), f.hidden(), f.output()), f.threshold(),
                f.suppression(), f.backbone(), f.provenance());
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), new VerifierFile(FORMAT,
                features(usesDetector()), threshold, suppression, backbone, provenance, network.mean(),
                network.scale(),
                network.hidden(), network.output()));
    }

    /** The same verifier with another decision rule. */
    public VerifiedInstances withRule(double newThreshold, double newSuppression) {
        return new VerifiedInstances(network, newThreshold, newSuppression, backbone, provenance);
    }

    /** "name version" of a backbone, as {@link #backbone} holds it. */
    public static String backboneLabel(ModelInfo info) {
        return info.name() + " " + info.version();
    }

    /** Whether this verifier was trained on the features of {@code b}. */
    public boolean fits(FeatureBackbone b) {
        return backbone.equals(backboneLabel(b.info()));
    }

    /** The verifier's probability for each candidate, in order. */
    public double[] probabilities(List<InstanceCandidates.Candidate> candidates) {
        double[] p = new double[candidates.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = network.probability(candidates.get(i).features());
        }
        return p;
    }

    /** The kept objects, most probable first, in image pixels; a point's value is its probability. */
    public List<Point> instances(List<InstanceCandidates.Candidate> candidates) {
        return keep(candidates, probabilities(candidates));
    }

    /** {@link #instances} from probabilities computed once (a threshold sweep reuses them). */
    public List<Point> keep(List<InstanceCandidates.Candidate> candidates, double[] probabilities) {
        List<Integer> accepted = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            if (probabilities[i] >= threshold) {
                accepted.add(i);
            }
        }
        accepted.sort((a, b) -> Double.compare(probabilities[b], probabilities[a]));
        List<InstanceCandidates.Candidate> kept = new ArrayList<>();
        List<Point> out = new ArrayList<>();
        for (int i : accepted) {
            InstanceCandidates.Candidate c = candidates.get(i);
            boolean separate = true;
            for (InstanceCandidates.Candidate k : kept) {
                if (Math.hypot(c.x() - k.x(), c.y() - k.y()) < suppression * Math.min(c.side(), k.side())) {
                    separate = false;
                    break;
                }
            }
            if (separate) {
                kept.add(c);
                out.add(new Point(round1(c.x()), round1(c.y()), probabilities[i]));
            }
        }
        return out;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
