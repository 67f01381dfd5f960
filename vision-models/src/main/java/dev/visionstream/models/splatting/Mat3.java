package dev.visionstream.models.splatting;

/** Row-major 3×3 matrices as {@code double[9]}; small enough that plain arrays beat any library here. */
public final class Mat3 {
    private Mat3() {
    }

    public static double[] identity() {
        return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
    }

    public static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) {
                c[r * 3 + k] = a[r * 3] * b[k] + a[r * 3 + 1] * b[3 + k] + a[r * 3 + 2] * b[6 + k];
            }
        }
        return c;
    }

    public static double[] apply(double[] m, double[] v) {
        return new double[] {
            m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
            m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
            m[6] * v[0] + m[7] * v[1] + m[8] * v[2]};
    }

    public static double[] transpose(double[] m) {
        return new double[] {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]};
    }

    public static double determinant(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    public static double[] inverse(double[] m) {
        double det = determinant(m);
        if (Math.abs(det) < 1e-300) {
            throw new IllegalArgumentException("matrix is singular");
        }
        double[] inv = {
            m[4] * m[8] - m[5] * m[7], m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4],
            m[5] * m[6] - m[3] * m[8], m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5],
            m[3] * m[7] - m[4] * m[6], m[1] * m[6] - m[0] * m[7], m[0] * m[4] - m[1] * m[3]};
        for (int i = 0; i < 9; i++) {
            inv[i] /= det;
        }
        return inv;
    }

    /** True when {@code m} is a rotation: orthonormal within {@code tolerance} and determinant +1. */
    public static boolean isRotation(double[] m, double tolerance) {
        double[] mtm = multiply(transpose(m), m);
        double[] id = identity();
        for (int i = 0; i < 9; i++) {
            if (!Double.isFinite(m[i]) || Math.abs(mtm[i] - id[i]) > tolerance) {
                return false;
            }
        }
        return Math.abs(determinant(m) - 1) <= tolerance;
    }

    /**
     * Eigen-decomposition of a symmetric 3×3 matrix by cyclic Jacobi rotations (robust, no convergence tricks
     * needed at this size). Returns eigenvalues in {@code values} (descending) and eigenvectors as the columns of
     * the returned matrix.
     */
    public static double[] symmetricEigen(double[] s, double[] values) {
        double[] a = s.clone();
        double[] v = identity();
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = a[1] * a[1] + a[2] * a[2] + a[5] * a[5];
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < 2; p++) {
                for (int q = p + 1; q < 3; q++) {
                    double apq = a[p * 3 + q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q * 3 + q] - a[p * 3 + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < 3; k++) {
                        double akp = a[k * 3 + p];
                        double akq = a[k * 3 + q];
                        a[k * 3 + p] = c * akp - sn * akq;
                        a[k * 3 + q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < 3; k++) {
                        double apk = a[p * 3 + k];
                        double aqk = a[q * 3 + k];
                        a[p * 3 + k] = c * apk - sn * aqk;
                        a[q * 3 + k] = sn * apk + c * aqk;
                    }
                    for (int k = 0; k < 3; k++) {
                        double vkp = v[k * 3 + p];
                        double vkq = v[k * 3 + q];
                        v[k * 3 + p] = c * vkp - sn * vkq;
                        v[k * 3 + q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
        // sort descending, permuting eigenvector columns alike
        int[] order = {0, 1, 2};
        for (int i = 0; i < 2; i++) {
            for (int j = i + 1; j < 3; j++) {
                if (a[order[j] * 4] > a[order[i] * 4]) {
                    int tmp = order[i];
                    order[i] = order[j];
                    order[j] = tmp;
                }
            }
        }
        double[] sorted = new double[9];
        for (int col = 0; col < 3; col++) {
            values[col] = a[order[col] * 4];
            for (int row = 0; row < 3; row++) {
                sorted[row * 3 + col] = v[row * 3 + order[col]];
            }
        }
        return sorted;
    }

    /**
     * The rotation nearest to {@code m} in the Frobenius norm: with {@code m = U S Vᵀ},
     * {@code R = U diag(1, 1, det(U Vᵀ)) Vᵀ} (the sign fix goes on the smallest singular value).
     */
    public static double[] nearestRotation(double[] m) {
        double[] sigma2 = new double[3];
        double[] v = symmetricEigen(multiply(transpose(m), m), sigma2);
        double[] u = new double[9];
        double[][] cols = new double[3][];
        for (int i = 0; i < 2; i++) {
            double[] vi = {v[i], v[3 + i], v[6 + i]};
            double[] mv = apply(m, vi);
            double norm = Math.sqrt(mv[0] * mv[0] + mv[1] * mv[1] + mv[2] * mv[2]);
            if (norm < 1e-12) {
                throw new IllegalArgumentException("rotation block has rank < 2; cannot project to SO(3)");
            }
            cols[i] = new double[] {mv[0] / norm, mv[1] / norm, mv[2] / norm};
        }
        // make u1 exactly orthogonal to u0, then complete with the cross product (right-handed U)
        double dot = cols[0][0] * cols[1][0] + cols[0][1] * cols[1][1] + cols[0][2] * cols[1][2];
        double[] u1 = {cols[1][0] - dot * cols[0][0], cols[1][1] - dot * cols[0][1], cols[1][2] - dot * cols[0][2]};
        double n1 = Math.sqrt(u1[0] * u1[0] + u1[1] * u1[1] + u1[2] * u1[2]);
        cols[1] = new double[] {u1[0] / n1, u1[1] / n1, u1[2] / n1};
        cols[2] = cross(cols[0], cols[1]);
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 3; r++) {
                u[r * 3 + c] = cols[c][r];
            }
        }
        // U is right-handed; det(U Vᵀ) = det(V)
        double d = Math.signum(determinant(v));
        double[] uD = u.clone();
        for (int r = 0; r < 3; r++) {
            uD[r * 3 + 2] *= d;
        }
        return multiply(uD, transpose(v));
    }

    public static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
