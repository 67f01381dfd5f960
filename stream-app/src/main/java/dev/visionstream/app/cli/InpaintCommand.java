package dev.visionstream.app.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.visionstream.app.runtime.ModelStage;
import dev.visionstream.models.inpainting.InpaintInputException;
import dev.visionstream.models.inpainting.InpaintMask;
import dev.visionstream.models.inpainting.InpaintMethod;
import dev.visionstream.models.inpainting.InpaintOutcome;
import dev.visionstream.models.inpainting.Inpainter;
import dev.visionstream.models.inpainting.Inpainting;
import dev.visionstream.models.inpainting.RnWeightsException;
import dev.visionstream.schemas.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vision inpaint}: fill the holes of one image, the same call the stream stage makes. */
@Command(name = "inpaint", mixinStandardHelpOptions = true, subcommands = InpaintTrainCommand.class,
        description = {"Fill the masked regions of an image: rn (the default: the blend of classical fills corrected "
                + "by "
                + "the RN generator), blend, or OpenCV's Telea / Navier-Stokes alone.",
                "Mask: any picture of the image's size (or same aspect ratio); non-zero pixels are holes.",
                "Exit codes: 0 done, 2 bad input (unreadable image or mask, wrong size, mask covers everything), "
                        + "3 weights do not match the architecture."})
final class InpaintCommand implements Callable<Integer> {
    @Mixin
    DeviceOption device;

    @Option(names = "--image", paramLabel = "FILE", description = "Image to inpaint.")
    Path image;

    @Option(names = "--mask", paramLabel = "FILE", description = "Mask picture: non-zero = hole.")
    Path mask;

    @Option(names = "--method", defaultValue = "rn", description = "rn (the blend pre-fill corrected by the RN "
            + "generator), blend, telea or ns (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--weights", paramLabel = "NPZ", description = "RN weights (.npz from "
            + "scripts/convert-rn-checkpoint.py or vision inpaint train); default: the built-in model.")
    Path weights;

    @Option(names = "--out", paramLabel = "PNG", description = "Where to write the result (PNG).")
    Path out;

    @Option(names = "--json", description = "Print a JSON summary on stdout.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (image == null || mask == null || out == null) {
            throw new ParameterException(spec.commandLine(),
                    "--image, --mask and --out are required (or use: vision inpaint train)");
        }
        InpaintMethod chosen;
        try {
            chosen = InpaintMethod.parse(method);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--method " + method, "must be rn, blend, telea or ns", e);
        }
        BufferedImage picture = InputFiles.image("--image", image);
        BufferedImage maskPicture = InputFiles.image("--mask", mask);
        try (Inpainter inpainter = open(chosen)) {
            InpaintOutcome outcome;
            try {
                outcome = Inpainting.run(inpainter, picture, InpaintMask.fromImage(maskPicture));
            } catch (InpaintInputException e) {
                // the mask's size or coverage does not suit the image
                throw new BadInputException("--mask " + mask, e.getMessage(), e);
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ImageIO.write(outcome.image(), "png", out.toFile());
            if (json) {
                ObjectNode summary = Json.MAPPER.createObjectNode();
                summary.put("image", image.toString());
                summary.put("mask", mask.toString());
                summary.put("method", chosen.id());
                summary.putPOJO("model", inpainter.model());
                summary.put("maskFraction", outcome.maskFraction());
                summary.put("passedThrough", outcome.passedThrough());
                summary.put("modelMs", outcome.modelMillis());
                summary.put("width", picture.getWidth());
                summary.put("height", picture.getHeight());
                summary.put("out", out.toString());
                System.out.println(Json.MAPPER.writeValueAsString(summary));
            } else {
                System.err.printf("inpaint: %s, %.1f%% holes%s, %.0f ms -> %s%n", chosen.id(),
                        100 * outcome.maskFraction(), outcome.passedThrough() ? " (empty mask: unchanged)" : "",
                        outcome.modelMillis(), out);
            }
            return 0;
        }
    }

    private Inpainter open(InpaintMethod chosen) {
        if (weights != null && !Files.isRegularFile(weights)) {
            throw new BadInputException("--weights " + weights, "no such file");
        }
        try {
            return Inpainting.create(chosen, weights, chosen == InpaintMethod.RN
                    ? device.resolve(ModelStage.INPAINTING) : Device.cpu());
        } catch (RnWeightsException e) {
            // exit code 3, as documented: the file is there but does not fit the architecture
            throw new BadInputException(weights == null ? "built-in RN weights" : "--weights " + weights,
                    e.getMessage(), e, 3);
        }
    }
}
