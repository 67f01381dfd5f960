package dev.visionstream.models.splatting;

/**
 * Per-pixel disparity of a rectified reference view (NaN where unknown) with a match confidence in [0,1].
 */
public record DisparityMap(int width, int height, float[] disparity, float[] confidence) {
    public DisparityMap {
        if (disparity.length != width * height || confidence.length != width * height) {
            throw new IllegalArgumentException("disparity map arrays do not match " + width + "×" + height);
        }
    }

    /**
     * Unknown pixels take the smaller (farther) of the nearest known disparities on their row — occlusions are
     * background — with confidence 0; rows with no known pixel stay unknown.
     */
    public DisparityMap holesFilled() {
        float[] d = disparity.clone();
        float[] c = confidence.clone();
        for (int y = 0; y < height; y++) {
            int row = y * width;
            float[] leftKnown = new float[width];
            float last = Float.NaN;
            for (int x = 0; x < width; x++) {
                if (!Float.isNaN(disparity[row + x])) {
                    last = disparity[row + x];
                }
                leftKnown[x] = last;
            }
            float next = Float.NaN;
            for (int x = width - 1; x >= 0; x--) {
                float here = disparity[row + x];
                if (!Float.isNaN(here)) {
                    next = here;
                    continue;
                }
                float l = leftKnown[x];
                float fill = Float.isNaN(l) ? next : Float.isNaN(next) ? l : Math.min(l, next);
                d[row + x] = fill;
                c[row + x] = 0;
            }
        }
        return new DisparityMap(width, height, d, c);
    }
}
