package dev.visionstream.app.runtime;

import dev.visionstream.models.counting.Backbones;
import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.DetectorFeatures;
import dev.visionstream.models.counting.VerifiedInstances;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The model files that the stage settings name, checked before any frame needs them. The stages load their models
 * on the first frame and report a failure there as an error event for every frame; this check lets {@code vision run},
 * {@code vision demo} and {@code vision doctor} say once, at start-up, which setting names a file that cannot be
 * used.
 */
public final class ModelFiles {
    /**
     * One model file named by a setting.
     *
     * @param setting the setting, as "ENVIRONMENT_VARIABLE (system.property)"
     * @param file    the file as the setting gives it
     * @param problem why it cannot be used, or null when it can
     */
    public record Named(String setting, String file, String problem) {
        public boolean usable() {
            return problem == null;
        }

        /** What a command that starts the stages says about an unusable file. */
        public String warning() {
            return setting + " names " + file + ", which " + problem + "; its stage will publish an error event for "
                    + "every frame until this is fixed";
        }
    }

    private ModelFiles() {
    }

    /**
     * Every model file the settings name, in the order of {@link StageSettings.Key}; built-in models, URLs (fetched
     * by the stage) and unset settings are not files and are left out.
     */
    public static List<Named> check(StageSettings settings) {
        List<Named> out = new ArrayList<>();
        Path backbone = Backbones.localFile(settings.countingBackbone());
        if (backbone != null) {
            out.add(readable(StageSettings.Key.COUNTING_BACKBONE, settings.countingBackbone(), backbone));
        }
        if (settings.countingVerifier() != null) {
            out.add(verifier(settings.countingVerifier(), settings.countingDetector() != null));
        }
        if (settings.countingDetector() != null) {
            Path folder = settings.countingDetector();
            Path model = Files.isDirectory(folder) ? folder.resolve(DetectorFeatures.MODEL_FILE) : folder;
            out.add(readable(StageSettings.Key.COUNTING_DETECTOR, folder.toString(), model));
        }
        addIfSet(out, StageSettings.Key.INPAINT_WEIGHTS, settings.inpaintWeights());
        addIfSet(out, StageSettings.Key.POSE_WEIGHTS, settings.poseWeights());
        addIfSet(out, StageSettings.Key.SPLAT_MODEL, settings.splatModel());
        return out;
    }

    /** Only the files that cannot be used. */
    public static List<Named> problems(StageSettings settings) {
        return check(settings).stream().filter(n -> !n.usable()).toList();
    }

    /** A verifier is small: it is read in full, so a file of the wrong format or features is caught here too. */
    private static Named verifier(Path file, boolean detector) {
        Named readable = readable(StageSettings.Key.COUNTING_VERIFIER, file.toString(), file);
        if (!readable.usable()) {
            return readable;
        }
        try {
            CountingDino.checkDetector(VerifiedInstances.readOrBuiltIn(file), detector);
            return readable;
        } catch (IllegalArgumentException e) {
            return new Named(readable.setting(), readable.file(), "is not an instance verifier this version can use: "
                    + e.getMessage());
        }
    }

    private static void addIfSet(List<Named> out, StageSettings.Key key, Path file) {
        if (file != null) {
            out.add(readable(key, file.toString(), file));
        }
    }

    private static Named readable(StageSettings.Key key, String value, Path file) {
        String setting = key.environment + " (" + key.property + ")";
        if (!Files.exists(file)) {
            return new Named(setting, value, "does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return new Named(setting, value, "is not a readable file");
        }
        return new Named(setting, value, null);
    }
}
