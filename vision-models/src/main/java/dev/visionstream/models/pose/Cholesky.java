package dev.visionstream.models.pose;

/**
 * Solves a small symmetric positive-definite system in place, on a row-major {@code n×n} array. Zeros of the factor
 * are skipped, so a matrix ordered for little fill-in (a kinematic tree's leaves first) factors in a fraction of
 * the dense time.
 */
final class Cholesky {
    private Cholesky() {
    }

    /**
     * Overwrites {@code a} with its lower Cholesky factor and {@code b} with the solution of a·x = b; false (and
     * both arrays spoilt) when {@code a} is not positive definite.
     */
    static boolean solveInPlace(double[] a, double[] b, int n) {
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * n + k] * a[j * n + k];
            }
            if (!(d > 0)) {
                return false;
            }
            d = Math.sqrt(d);
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    double ljk = a[j * n + k];
                    if (ljk != 0) {
                        s -= a[i * n + k] * ljk;
                    }
                }
                a[i * n + j] = s / d;
            }
        }
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= a[i * n + k] * b[k];
            }
            b[i] = s / a[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < n; k++) {
                s -= a[k * n + i] * b[k];
            }
            b[i] = s / a[i * n + i];
        }
        return true;
    }
}
