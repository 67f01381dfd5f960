package dev.visionstream.models.splatting;

/**
 * One view's Gaussians in that view's camera frame, one per pixel (row-major), as structure-of-arrays floats:
 * centres (x, y, z), scales σ, rotations as unit quaternions in (x, y, z, w) order, opacities α in [0,1] and the
 * degree-0 SH coefficient per colour channel.
 */
public record LocalGaussians(int height, int width, float[] means, float[] scales, float[] rotationsXyzw,
                             float[] opacities, float[] shDc) {
    public LocalGaussians {
        int n = height * width;
        if (means.length != 3 * n || scales.length != 3 * n || rotationsXyzw.length != 4 * n
                || opacities.length != n || shDc.length != 3 * n) {
            throw new IllegalArgumentException("local Gaussian arrays do not match " + width + "×" + height);
        }
    }

    public static LocalGaussians allocate(int height, int width) {
        int n = height * width;
        return new LocalGaussians(height, width, new float[3 * n], new float[3 * n], new float[4 * n], new float[n],
                new float[3 * n]);
    }

    public int count() {
        return height * width;
    }
}
