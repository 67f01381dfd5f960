package dev.visionstream.models.pose;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Per-feature standardisation (x − mean) / std of {@link PoseFeatures}, fitted once on training pairs and stored in
 * the weights file: joint coordinates (tenths of a metre), differences (centimetres) and 6-D rotations (unit) differ
 * by orders of magnitude, and without it the small differences a second pass must act on barely move the first layer.
 */
public record FeatureScaling(float[] mean, float[] std) {
    /** Features whose spread is below this (e.g. the init pelvis, always 0) are only centred. */
    private static final float MIN_STD = 1e-3f;

    public FeatureScaling {
        if (mean.length != PoseFeatures.SIZE || std.length != PoseFeatures.SIZE) {
            throw new IllegalArgumentException("feature scaling needs " + PoseFeatures.SIZE + " values, not "
                    + mean.length + " and " + std.length);
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Mean and standard deviation over {@code rows} feature rows packed in {@code features}. */
    public static FeatureScaling fit(float[] features, int rows) {
        int n = PoseFeatures.SIZE;
        double[] sum = new double[n];
        double[] squares = new double[n];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                double v = features[r * n + i];
                sum[i] += v;
                squares[i] += v * v;
            }
        }
        float[] mean = new float[n];
        float[] std = new float[n];
        for (int i = 0; i < n; i++) {
            double m = sum[i] / rows;
            mean[i] = (float) m;
            std[i] = (float) Math.max(MIN_STD, Math.sqrt(Math.max(0, squares[i] / rows - m * m)));
        }
        return new FeatureScaling(mean, std);
    }

    /** Standardises every row of {@code features} in place. */
    public void apply(float[] features) {
        int n = PoseFeatures.SIZE;
        for (int i = 0; i < features.length; i++) {
            int f = i % n;
            features[i] = (features[i] - mean[f]) / std[f];
        }
    }

    void write(DataOutputStream out) throws IOException {
        for (int i = 0; i < PoseFeatures.SIZE; i++) {
            out.writeFloat(mean[i]);
            out.writeFloat(std[i]);
        }
    }

    static FeatureScaling read(DataInputStream in) throws IOException {
        float[] mean = new float[PoseFeatures.SIZE];
        float[] std = new float[PoseFeatures.SIZE];
        for (int i = 0; i < PoseFeatures.SIZE; i++) {
            mean[i] = in.readFloat();
            std[i] = in.readFloat();
            if (!(std[i] > 0) || !Float.isFinite(mean[i])) {
                throw new IOException("pose weights: bad feature scaling at input " + i);
            }
        }
        return new FeatureScaling(mean, std);
    }
}
