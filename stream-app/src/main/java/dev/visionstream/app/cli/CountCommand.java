package dev.visionstream.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.visionstream.models.counting.CountEstimator;
import dev.visionstream.models.counting.CountResult;
import dev.visionstream.models.counting.CountingDino;
import dev.visionstream.models.counting.DensityOverlay;
import dev.visionstream.schemas.Box;
import dev.visionstream.schemas.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vision count}: CountingDINO on one image file, as a plain library call (no Kafka). */
@Command(name = "count", mixinStandardHelpOptions = true,
        subcommands = {CountEvalCommand.class, CountMakeEvalSetCommand.class, CountTrainCommand.class,
            CountTrainVerifierCommand.class},
        description = {"Counts the objects in an image that look like the exemplar boxes (CountingDINO).",
                "Exit codes: 0 counted, 2 bad input (image, boxes or backbone)."})
final class CountCommand implements Callable<Integer> {
    @Option(names = "--image", paramLabel = "FILE", description = "PNG or JPEG image (required).")
    Path image;

    @Option(names = "--exemplar", paramLabel = "x,y,w,h",
            description = "An exemplar box in image pixels; give 1 to 3 (required).")
    List<String> exemplars = new ArrayList<>();

    @Mixin
    CounterOptions counterOptions;

    @Option(names = "--json", description = "Print one JSON object (top-level numeric \"count\") and nothing else.")
    boolean json;

    @Option(names = "--overlay", paramLabel = "OUT.png", description = "Write the density overlay picture here.")
    Path overlay;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        // not picocli-required, so that the subcommands run without them
        if (image == null || exemplars.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "--image and --exemplar are required (or: vision count eval | make-eval-set | train)");
        }
        CountEstimator chosen = counterOptions.estimator();
        BufferedImage picture = InputFiles.image("--image", image);
        List<Box> boxes = parseBoxes(exemplars);
        CountResult result;
        try (CountingDino counter = counterOptions.open()) {
            result = counter.count(picture, boxes, chosen);
        }
        if (overlay != null) {
            Path parent = overlay.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(overlay, DensityOverlay.png(picture, result));
        }
        if (json) {
            System.out.println(Json.MAPPER.writeValueAsString(toJson(result)));
        } else {
            System.out.printf(Locale.ROOT, "count %s (%s) with %s %s: %s verified, %d instances, density sum %.2f (%d "
                            + "exemplars, %d peaks, %.0f ms)%n", formatCount(result), result.estimator().label(),
                    result.backbone().name(), result.backbone().version(),
                    result.verified() == null ? "not" : Integer.toString(result.verifiedCount()),
                    result.instanceCount(), result.densityCount(), result.exemplars().size(), result.peaks().size(),
                    result.timings().totalMs());
            result.warnings().forEach(w -> System.out.println("warning: " + w));
            if (overlay != null) {
                System.out.println("overlay written to " + overlay);
            }
        }
        return 0;
    }

    private ObjectNode toJson(CountResult result) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("count", result.count());
        out.put("estimator", result.estimator().label());
        if (result.verified() != null) {
            out.put("verifiedCount", result.verifiedCount());
        }
        out.put("instanceCount", result.instanceCount());
        out.put("densityCount", result.densityCount());
        out.put("image", image.toString());
        out.set("model", Json.MAPPER.valueToTree(result.backbone()));
        out.set("exemplars", Json.MAPPER.valueToTree(result.exemplars()));
        out.set("instances", Json.MAPPER.valueToTree(result.instances()));
        if (result.verified() != null) {
            out.set("verifiedInstances", Json.MAPPER.valueToTree(result.verified()));
        }
        out.set("peaks", Json.MAPPER.valueToTree(result.peaks()));
        ObjectNode timings = out.putObject("timingsMs");
        timings.put("backbone", result.timings().backboneMs());
        timings.put("similarity", result.timings().similarityMs());
        timings.put("postProcessing", result.timings().postProcessingMs());
        if (!result.warnings().isEmpty()) {
            out.set("warnings", Json.MAPPER.valueToTree(result.warnings()));
        }
        if (overlay != null) {
            out.put("overlay", overlay.toString());
        }
        return out;
    }

    private static String formatCount(CountResult result) {
        return result.estimator() == CountEstimator.DENSITY ? String.format(Locale.ROOT, "%.2f", result.densityCount())
                : Integer.toString((int) result.count());
    }

    static List<Box> parseBoxes(List<String> specs) {
        List<Box> out = new ArrayList<>();
        for (String s : specs) {
            String[] p = s.split(",");
            if (p.length != 4) {
                throw new BadInputException("--exemplar " + s, "not x,y,w,h");
            }
            try {
                out.add(new Box(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()),
                        Double.parseDouble(p[2].trim()), Double.parseDouble(p[3].trim())));
            } catch (NumberFormatException e) {
                throw new BadInputException("--exemplar " + s, "a coordinate is not a number");
            }
        }
        return out;
    }
}
