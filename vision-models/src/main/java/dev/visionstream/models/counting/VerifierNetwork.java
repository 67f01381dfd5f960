package dev.visionstream.models.counting;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A small multilayer perceptron that judges a candidate from its features: standardised inputs, one hidden layer of
 * rectified units, a logistic output. Fitted with minibatch Adam on cross-entropy; plain arrays, no engine, since
 * it is a few thousand multiply-adds per candidate.
 *
 * @param mean   the inputs' training mean
 * @param scale  their training standard deviation
 * @param hidden {@code [H][F + 1]}: each hidden unit's weights, bias last
 * @param output {@code [H + 1]}: the output's weights, bias last
 */
public record VerifierNetwork(double[] mean, double[] scale, double[][] hidden, double[] output) {
    public VerifierNetwork {
        if (mean.length != scale.length || hidden.length + 1 != output.length) {
            throw new IllegalArgumentException("inconsistent verifier shapes: " + mean.length + " inputs, "
                    + scale.length + " scales, " + hidden.length + " hidden units, " + output.length + " outputs");
        }
        for (double[] h : hidden) {
            if (h.length != mean.length + 1) {
                throw new IllegalArgumentException("a hidden unit has " + h.length + " weights, expected "
                        + (mean.length + 1));
            }
        }
    }

    public int features() {
        return mean.length;
    }

    public double probability(double[] features) {
        if (features.length != features()) {
            throw new IllegalArgumentException("the verifier takes " + features() + " features, got "
                    + features.length);
        }
        double[] x = standardise(features);
        double z = output[hidden.length];
        for (int u = 0; u < hidden.length; u++) {
            z += output[u] * Math.max(0, unit(hidden[u], x));
        }
        return 1 / (1 + Math.exp(-z));
    }

    private double[] standardise(double[] f) {
        double[] x = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            x[i] = (f[i] - mean[i]) / scale[i];
        }
        return x;
    }

    private static double unit(double[] w, double[] x) {
        double s = w[x.length];
        for (int i = 0; i < x.length; i++) {
            s += w[i] * x[i];
        }
        return s;
    }

    /**
     * Fits a network of {@code units} hidden units on {@code features} labelled {@code positive}: {@code epochs}
     * passes of minibatch Adam (batch 256, rate 3e-3, weight decay {@code l2}), deterministic for a seed.
     */
    public static VerifierNetwork fit(List<double[]> features, List<Boolean> positive, int units, int epochs,
                                      double l2, long seed) {
        int n = features.size();
        if (n == 0 || positive.size() != n) {
            throw new IllegalArgumentException("need as many labels as samples, and at least one; got " + n + " and "
                    + positive.size());
        }
        int f = features.get(0).length;
        double[] mean = new double[f];
        double[] scale = new double[f];
        for (double[] x : features) {
            for (int i = 0; i < f; i++) {
                mean[i] += x[i] / n;
            }
        }
        for (double[] x : features) {
            for (int i = 0; i < f; i++) {
                scale[i] += (x[i] - mean[i]) * (x[i] - mean[i]) / n;
            }
        }
        for (int i = 0; i < f; i++) {
            scale[i] = Math.sqrt(scale[i]) + 1e-9;
        }
        Random rnd = new Random(seed);
        double[][] hidden = new double[units][f + 1];
        double[] output = new double[units + 1];
        for (double[] h : hidden) {
            for (int i = 0; i < f; i++) {
                h[i] = rnd.nextGaussian() * Math.sqrt(2.0 / f);
            }
        }
        for (int u = 0; u < units; u++) {
            output[u] = rnd.nextGaussian() * Math.sqrt(1.0 / units);
        }
        VerifierNetwork net = new VerifierNetwork(mean, scale, hidden, output);
        double[][] xs = new double[n][];
        for (int k = 0; k < n; k++) {
            xs[k] = net.standardise(features.get(k));
        }
        Adam adamHidden = new Adam(units * (f + 1));
        Adam adamOutput = new Adam(units + 1);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        int batch = 256;
        double[] gHidden = new double[units * (f + 1)];
        double[] gOutput = new double[units + 1];
        double[] act = new double[units];
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int k = n - 1; k > 0; k--) {
                int j = rnd.nextInt(k + 1);
                int t = order[k];
                order[k] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < n; start += batch) {
                int end = Math.min(n, start + batch);
                Arrays.fill(gHidden, 0);
                Arrays.fill(gOutput, 0);
                for (int b = start; b < end; b++) {
                    double[] x = xs[order[b]];
                    double z = output[units];
                    for (int u = 0; u < units; u++) {
                        act[u] = Math.max(0, unit(hidden[u], x));
                        z += output[u] * act[u];
                    }
                    double err = (1 / (1 + Math.exp(-z)) - (positive.get(order[b]) ? 1 : 0)) / (end - start);
                    gOutput[units] += err;
                    for (int u = 0; u < units; u++) {
                        gOutput[u] += err * act[u];
                        if (act[u] > 0) {
                            double back = err * output[u];
                            int base = u * (f + 1);
                            for (int i = 0; i < f; i++) {
                                gHidden[base + i] += back * x[i];
                            }
                            gHidden[base + f] += back;
                        }
                    }
                }
                for (int u = 0; u < units; u++) {
                    for (int i = 0; i < f; i++) {
                        gHidden[u * (f + 1) + i] += l2 * hidden[u][i];
                    }
                }
                adamHidden.step(gHidden);
                adamOutput.step(gOutput);
                for (int u = 0; u < units; u++) {
                    for (int i = 0; i <= f; i++) {
                        hidden[u][i] -= adamHidden.delta[u * (f + 1) + i];
                    }
                }
                for (int u = 0; u <= units; u++) {
                    output[u] -= adamOutput.delta[u];
                }
            }
        }
        return net;
    }

    /** Adam's moment estimates for one block of parameters; {@link #delta} is the last step's update. */
    private static final class Adam {
        private static final double RATE = 3e-3;
        private final double[] m;
        private final double[] v;
        final double[] delta;
        private int t;

        Adam(int size) {
            m = new double[size];
            v = new double[size];
            delta = new double[size];
        }

        void step(double[] g) {
            t++;
            double c1 = 1 - Math.pow(0.9, t);
            double c2 = 1 - Math.pow(0.999, t);
            for (int i = 0; i < g.length; i++) {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                delta[i] = RATE * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
            }
        }
    }
}
