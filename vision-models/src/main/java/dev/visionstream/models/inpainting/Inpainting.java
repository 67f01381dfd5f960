package dev.visionstream.models.inpainting;

import ai.djl.Device;
import dev.visionstream.models.Attempt;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return runAll(inpainter, List.of(image), List.of(mask)).get(0).get();
    }

    /**
     * Several images, each checked as {@link #run} checks one; those with holes run through
     * {@link Inpainter#inpaintAll} in one call per image size (one forward pass for RN). When such a call fails,
     * its images run again one by one, so each failure stays with the image that caused it. Each outcome's model
     * time is its share of its call.
     *
     * @return one attempt per image, in the order given
     */
    public static List<Attempt<InpaintOutcome>> runAll(Supplier<? extends Inpainter> inpainter,
                                                       List<BufferedImage> images, List<InpaintMask> masks) {
        if (images.size() != masks.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + masks.size() + " masks");
        }
        List<Attempt<InpaintOutcome>> attempts = new ArrayList<>(Collections.nCopies(images.size(), null));
        InpaintMask[] fitted = new InpaintMask[images.size()];
        Map<List<Integer>, List<Integer>> bySize = new LinkedHashMap<>();
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = images.get(i);
            try {
                fitted[i] = masks.get(i).fittedTo(image.getWidth(), image.getHeight());
                if (fitted[i].isFull()) {
                    throw new InpaintInputException("mask covers the whole " + image.getWidth() + "x"
                            + image.getHeight() + " image: nothing is left to inpaint from");
                }
                if (fitted[i].isEmpty()) {
                    attempts.set(i, Attempt.of(new InpaintOutcome(image, fitted[i], true, 0.0)));
                } else {
                    bySize.computeIfAbsent(List.of(image.getWidth(), image.getHeight()), k -> new ArrayList<>())
                            .add(i);
                }
            } catch (RuntimeException e) {
                attempts.set(i, Attempt.failed(e));
            }
        }
        for (List<Integer> group : bySize.values()) {
            try {
                inpaint(inpainter, images, fitted, group, attempts);
            } catch (RuntimeException e) {
                if (group.size() == 1) {
                    attempts.set(group.get(0), Attempt.failed(e));
                    continue;
                }
                for (int i : group) {
                    try {
                        inpaint(inpainter, images, fitted, List.of(i), attempts);
                    } catch (RuntimeException alone) {
                        attempts.set(i, Attempt.failed(alone));
                    }
                }
            }
        }
        return attempts;
    }

    private static void inpaint(Supplier<? extends Inpainter> inpainter, List<BufferedImage> images,
                                InpaintMask[] fitted, List<Integer> group, List<Attempt<InpaintOutcome>> attempts) {
        List<BufferedImage> in = new ArrayList<>(group.size());
        List<InpaintMask> masks = new ArrayList<>(group.size());
        for (int i : group) {
            in.add(images.get(i));
            masks.add(fitted[i]);
        }
        long start = System.nanoTime();
        List<BufferedImage> out = inpainter.get().inpaintAll(in, masks);
        double share = (System.nanoTime() - start) / 1e6 / group.size();
        for (int k = 0; k < group.size(); k++) {
            int i = group.get(k);
            attempts.set(i, Attempt.of(new InpaintOutcome(out.get(k), fitted[i], false, share)));
        }
    }
}
