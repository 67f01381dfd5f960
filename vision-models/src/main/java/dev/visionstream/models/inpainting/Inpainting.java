package dev.visionstream.models.inpainting;

import ai.djl.Device;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The one entry point shared by the CLI, the stream stage and the benchmark, so that all three give identical
 * output: checks the mask against the image, passes an empty mask through without a model call, refuses a mask
 * that leaves nothing to see, and times the model call.
 */
public final class Inpainting {
    private Inpainting() {
    }

    /** The inpainter for a method, on the CPU. */
    public static Inpainter create(InpaintMethod method, Path weights) {
        return create(method, weights, Device.cpu());
    }

    /**
     * The inpainter for a method; RN uses {@code weights} when given, else the built-in default, on {@code device}
     * (the other methods are OpenCV code and run on the CPU).
     */
    public static Inpainter create(InpaintMethod method, Path weights, Device device) {
        return switch (method) {
            case RN -> weights == null ? RnInpainter.builtIn(device) : RnInpainter.fromFile(weights, device);
            case TELEA, NS -> new OpenCvInpainter(method);
            case BLEND -> BlendInpainter.builtIn();
        };
    }

    /**
     * @param mask any size with the image's aspect ratio (rescaled by nearest neighbour), non-empty holes allowed
     * @throws InpaintInputException for a mismatched aspect ratio or a mask that covers the whole image
     */
    public static InpaintOutcome run(Inpainter inpainter, BufferedImage image, InpaintMask mask) {
        return run(() -> inpainter, image, mask);
    }

    /** As {@link #run(Inpainter, BufferedImage, InpaintMask)}, asking for the inpainter only when there are holes. */
    public static InpaintOutcome run(Supplier<? extends Inpainter> inpainter, BufferedImage image, InpaintMask mask) {
        InpaintMask fitted = mask.fittedTo(image.getWidth(), image.getHeight());
        if (fitted.isFull()) {
            throw new InpaintInputException("mask covers the whole " + image.getWidth() + "x" + image.getHeight()
                    + " image: nothing is left to inpaint from");
        }
        if (fitted.isEmpty()) {
            return new InpaintOutcome(image, fitted, true, 0.0);
        }
        long start = System.nanoTime();
        BufferedImage result = inpainter.get().inpaint(image, fitted);
        return new InpaintOutcome(result, fitted, false, (System.nanoTime() - start) / 1e6);
    }
}
