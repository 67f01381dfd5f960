package dev.visionstream.models.inpainting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much of Telea, Navier–Stokes and the diffusion fill a hole pixel takes, by its distance to the hole border:
 * one row of {@link ClassicalFills#SOURCES} weights per distance bin, fitted by least squares on training photos
 * ({@code vision inpaint train}). Text form: comment lines start with #, then one line per bin,
 * "upper-distance w-telea w-ns w-diffusion", the last bin's upper distance "inf".
 */
public record BlendWeights(double[] upperDistances, double[][] weights) {
    public static final String BUILT_IN_RESOURCE = "/dev/visionstream/models/inpainting/blend-weights.txt";
    /** Bin edges in pixels: fine near the border, where the sources differ most. */
    public static final double[] DEFAULT_EDGES = {1.5, 2.5, 3.5, 5, 7, 10, 14, 20, 28, 40, Double.POSITIVE_INFINITY};

    public BlendWeights {
        if (upperDistances.length == 0 || upperDistances.length != weights.length
                || upperDistances[upperDistances.length - 1] != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("blend weights need one row per bin and a last bin up to infinity");
        }
        for (double[] row : weights) {
            if (row.length != ClassicalFills.SOURCES) {
                throw new IllegalArgumentException("a blend weight row has " + ClassicalFills.SOURCES + " values");
            }
        }
    }

    /** Equal thirds: the starting point, and what a fit without data keeps. */
    public static BlendWeights equal() {
        double[][] w = new double[DEFAULT_EDGES.length][];
        for (int b = 0; b < w.length; b++) {
            w[b] = new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3};
        }
        return new BlendWeights(DEFAULT_EDGES.clone(), w);
    }

    public int bin(double distance) {
        return bin(upperDistances, distance);
    }

    /** The first bin whose upper distance reaches {@code distance} (the last bin reaches infinity). */
    public static int bin(double[] upperDistances, double distance) {
        int b = 0;
        while (distance > upperDistances[b]) {
            b++;
        }
        return b;
    }

    public static BlendWeights builtIn() {
        try (InputStream in = BlendWeights.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in blend weights " + BUILT_IN_RESOURCE
                        + " missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BlendWeights parse(String text) {
        List<Double> edges = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+");
            if (f.length != 1 + ClassicalFills.SOURCES) {
                throw new IllegalArgumentException("blend weight line needs 4 numbers: '" + t + "'");
            }
            edges.add(f[0].equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(f[0]));
            double[] row = new double[ClassicalFills.SOURCES];
            for (int k = 0; k < row.length; k++) {
                row[k] = Double.parseDouble(f[k + 1]);
            }
            rows.add(row);
        }
        return new BlendWeights(edges.stream().mapToDouble(Double::doubleValue).toArray(),
                rows.toArray(double[][]::new));
    }

    public String format(String comment) {
        StringBuilder s = new StringBuilder();
        for (String line : comment.split("\n")) {
            s.append("# ").append(line).append('\n');
        }
        s.append("# upper-distance(px) telea ns diffusion\n");
        for (int b = 0; b < weights.length; b++) {
            String edge = Double.isInfinite(upperDistances[b]) ? "inf" : String.format(Locale.ROOT, "%.1f",
                    upperDistances[b]);
            s.append(String.format(Locale.ROOT, "%s %.6f %.6f %.6f%n", edge, weights[b][0], weights[b][1],
                    weights[b][2]));
        }
        return s.toString();
    }

    /** The blend of the three fills inside the holes, planar RGB clipped to [0, 1]; valid pixels as visible. */
    public float[] apply(ClassicalFills fills) {
        int plane = fills.width() * fills.height();
        float[] out = fills.visible().clone();
        for (int i = 0; i < plane; i++) {
            if (!fills.hole()[i]) {
                continue;
            }
            double[] row = weights[bin(fills.borderDistance()[i])];
            for (int c = 0; c < 3; c++) {
                int j = c * plane + i;
                double v = 0;
                for (int k = 0; k < row.length; k++) {
                    v += row[k] * fills.source(k, j);
                }
                out[j] = (float) Math.max(0, Math.min(1, v));
            }
        }
        return out;
    }
}
