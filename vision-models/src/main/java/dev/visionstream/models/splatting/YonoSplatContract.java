package dev.visionstream.models.splatting;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * The tensor contract an exported YoNoSplat network (TorchScript or ONNX) must follow to be loaded here.
 *
 * <p>Inputs, in this order:
 * <ol>
 *   <li>{@code views} float32 {@code [1, V, 3, H, W]}: RGB in [0,1] after the resize/centre-crop of
 *       {@link ViewPreprocessor} (H, W multiples of 14; the network applies the ImageNet normalisation itself);</li>
 *   <li>optional {@code intrinsics} float32 {@code [1, V, 3, 3]}: normalised K (row 0 / W, row 1 / H); for
 *       unknown intrinsics cx = cy = 0.5, fx = fy = 1 and the network conditions on its predicted focal.</li>
 * </ol>
 * Outputs, in this order (raw, before any activation; Java applies {@link GaussianActivations} and
 * {@link PoseHeadDecoder}):
 * <ol>
 *   <li>{@code points} {@code [1, V, H, W, 3]}: point head (a, b, c), centre = (a·eᶜ, b·eᶜ, eᶜ);</li>
 *   <li>{@code gaussians} {@code [1, V, H, W, 11]}: opacity, 3 scales, quaternion (x, y, z, w), 3 SH DC;</li>
 *   <li>{@code camera} {@code [1, V, 12]}: 9 rotation numbers (row-major 3×3) then 3 translation numbers of the
 *       camera-to-world pose;</li>
 *   <li>{@code focal} {@code [1, V, 2]}: normalised focal lengths (fx/W, fy/H) from the intrinsic head.</li>
 * </ol>
 */
public final class YonoSplatContract {
    public static final String[] OUTPUT_NAMES = {"points", "gaussians", "camera", "focal"};

    private YonoSplatContract() {
    }

    public static Shape[] expectedOutputs(int views, int height, int width) {
        return new Shape[] {
            new Shape(1, views, height, width, 3),
            new Shape(1, views, height, width, GaussianActivations.GAUSSIAN_CHANNELS),
            new Shape(1, views, 12),
            new Shape(1, views, 2)};
    }

    /** @throws IllegalArgumentException naming the first output that breaks the contract and how */
    public static void check(NDList outputs, int views, int height, int width) {
        Shape[] expected = expectedOutputs(views, height, width);
        if (outputs.size() < expected.length) {
            throw new IllegalArgumentException("YoNoSplat model returned " + outputs.size()
                    + " outputs; the contract needs 4 (points, gaussians, camera, focal)");
        }
        for (int i = 0; i < expected.length; i++) {
            NDArray out = outputs.get(i);
            if (!out.getShape().equals(expected[i])) {
                throw new IllegalArgumentException("YoNoSplat model output " + i + " (" + OUTPUT_NAMES[i]
                        + ") has shape " + out.getShape() + "; the contract needs " + expected[i]
                        + " for " + views + " views at " + width + "×" + height);
            }
        }
    }
}
