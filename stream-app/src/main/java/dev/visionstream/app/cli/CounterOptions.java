package dev.visionstream.app.cli;

import dev.visionstream.app.runtime.ModelStage;
import dev.visionstream.models.counting.Backbones;
import dev.visionstream.models.counting.CountEstimator;
import dev.visionstream.models.counting.CountRequest;
import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.VerifiedInstances;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The settings {@code vision count} counts with, shared by {@code vision count eval} so both count alike. */
final class CounterOptions {
    @Option(names = "--backbone", defaultValue = Backbones.DEFAULT, paramLabel = "default|filterbank|learned|PATH",
            description = {"default (the one that measured best: the filter bank), filterbank, learned (the CNN "
                    + "trained in the project by vision count train), a .npz written by vision count train, or a "
                    + "TorchScript .pt / ONNX .onnx file or URL, optionally with #tile=840,patch=14 (default: "
                    + "${DEFAULT-VALUE})."})
    String backbone;

    @Option(names = "--estimator", paramLabel = "verified|instances|density", description = {"Which estimate is the "
            + "count: verified (template-matching candidates accepted by the learned instance verifier, then "
            + "suppressed at exemplar scale), instances (density peaks kept by non-maximum suppression at exemplar "
            + "scale) or density (the paper's sum of the density map). All are printed. Default: the one that "
            + "measured best on the real-image set (see docs/stages/counting.md)."})
    String estimator;

    @Option(names = "--verifier", paramLabel = "FILE", description = {"An instance verifier written by vision "
            + "count train-verifier --out FILE, used instead of the built-in one (default: built in)."})
    Path verifier;

    @Option(names = "--detector", paramLabel = "DIR", description = {"Let the verifier also judge the features of "
            + "a pretrained COCO detector (CenterNet on MobileNetV3) fetched into DIR by "
            + "scripts/fetch-counting-detector.sh (target/assets/counting-detector): 11.6%% instead of 13.4%% "
            + "mean relative error on the real-image set, about 0.2-0.5 s more per frame on 2 cores. Uses the "
            + "built-in verifier trained for those features unless --verifier names another."})
    Path detector;

    @Mixin
    DeviceOption device;

    /** A counter with these settings; the caller closes it. */
    CountingDino open() {
        VerifiedInstances chosen;
        try {
            chosen = VerifiedInstances.readOrBuiltIn(verifier, detector != null);
            CountingDino.checkDetector(chosen, detector != null);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--verifier " + (verifier == null ? "(built in)" : verifier), e.getMessage(),
                    e);
        }
        return CountingDino.open(() -> Backbones.open(backbone, device.resolve(ModelStage.COUNTING)), chosen,
                detector == null ? null : () -> DetectorOption.load(detector));
    }

    /** The chosen estimator; an unknown name is a {@link BadInputException} that says so. */
    CountEstimator estimator() {
        if (estimator == null) {
            return CountRequest.DEFAULT_ESTIMATOR;
        }
        try {
            return CountEstimator.parse(estimator);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--estimator " + estimator, "must be verified, instances or density", e);
        }
    }
}
