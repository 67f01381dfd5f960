package dev.visionstream.models.splatting;

/**
 * The camera head's 12 raw numbers → a camera-to-world pose: the 9 rotation numbers form a row-major
 * 3×3 M, each row is L2-normalised, and the result is projected to SO(3) by SVD with the determinant fix
 * ({@code M_nᵀ = U S Vᵀ}, {@code R = V diag(1, 1, det(V Uᵀ)) Uᵀ}); the 3 translation numbers are used as is.
 */
public final class PoseHeadDecoder {
    private PoseHeadDecoder() {
    }

    /** @param raw 9 rotation numbers then 3 translation numbers (the documented camera output layout) */
    public static Pose decode(float[] raw, int offset) {
        double[] m = new double[9];
        for (int i = 0; i < 9; i++) {
            m[i] = raw[offset + i];
        }
        return new Pose(rotation(m), new double[] {raw[offset + 9], raw[offset + 10], raw[offset + 11]});
    }

    /** Row normalisation, then the nearest rotation. */
    public static double[] rotation(double[] m) {
        double[] rows = m.clone();
        for (int r = 0; r < 3; r++) {
            double norm = Math.sqrt(rows[3 * r] * rows[3 * r] + rows[3 * r + 1] * rows[3 * r + 1]
                    + rows[3 * r + 2] * rows[3 * r + 2]);
            if (!(norm > 1e-12) || !Double.isFinite(norm)) {
                throw new IllegalArgumentException("camera head rotation row " + r + " is zero or not finite");
            }
            for (int c = 0; c < 3; c++) {
                rows[3 * r + c] /= norm;
            }
        }
        // the nearest rotation to M_n; identical to V·diag(1,1,det(VUᵀ))·Uᵀ for M_nᵀ = U S Vᵀ
        return Mat3.nearestRotation(rows);
    }
}
