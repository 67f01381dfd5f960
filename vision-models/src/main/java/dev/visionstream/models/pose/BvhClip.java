package dev.visionstream.models.pose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A BVH motion file: the joint hierarchy (names, parents, offsets, channels) and the channel values per frame.
 * {@link #worldPositions(int)} runs the file's own forward kinematics (each joint: parent · translate(offset +
 * position channels) · the rotation channels in file order, degrees). End sites are named {@code <parent>_end}.
 */
public final class BvhClip {
    private final List<String> names = new ArrayList<>();
    private final List<Integer> parents = new ArrayList<>();
    private final List<double[]> offsets = new ArrayList<>();
    private final List<String[]> channels = new ArrayList<>();
    private final List<Integer> firstChannel = new ArrayList<>();
    private final List<double[]> frames = new ArrayList<>();
    private double frameTime;
    private int channelCount;

    private BvhClip() {
    }

    public static BvhClip read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
    }

    public static BvhClip parse(String text) {
        BvhClip clip = new BvhClip();
        String[] tokens = text.trim().split("\\s+");
        int[] pos = {0};
        expect(tokens, pos, "HIERARCHY");
        String root = next(tokens, pos);
        if (!root.equals("ROOT")) {
            throw new IllegalArgumentException("BVH: expected ROOT, found " + root);
        }
        clip.readJoint(tokens, pos, jointName(tokens, pos), -1);
        expect(tokens, pos, "MOTION");
        expect(tokens, pos, "Frames:");
        int count = Integer.parseInt(next(tokens, pos));
        expect(tokens, pos, "Frame");
        expect(tokens, pos, "Time:");
        clip.frameTime = Double.parseDouble(next(tokens, pos));
        for (int f = 0; f < count; f++) {
            double[] values = new double[clip.channelCount];
            for (int c = 0; c < clip.channelCount; c++) {
                values[c] = Double.parseDouble(next(tokens, pos));
            }
            clip.frames.add(values);
        }
        return clip;
    }

    private void readJoint(String[] t, int[] pos, String name, int parent) {
        int index = names.size();
        names.add(name);
        parents.add(parent);
        expect(t, pos, "{");
        expect(t, pos, "OFFSET");
        offsets.add(new double[] {num(t, pos), num(t, pos), num(t, pos)});
        String[] ch = new String[0];
        firstChannel.add(channelCount);
        if (t[pos[0]].equals("CHANNELS")) {
            pos[0]++;
            ch = new String[Integer.parseInt(next(t, pos))];
            for (int i = 0; i < ch.length; i++) {
                ch[i] = next(t, pos);
            }
        }
        channels.add(ch);
        channelCount += ch.length;
        while (true) {
            String token = next(t, pos);
            if (token.equals("}")) {
                return;
            } else if (token.equals("JOINT")) {
                readJoint(t, pos, jointName(t, pos), index);
            } else if (token.equals("End")) {
                expect(t, pos, "Site");
                readJoint(t, pos, name + "_end", index);
            } else {
                throw new IllegalArgumentException("BVH: unexpected token " + token + " in joint " + name);
            }
        }
    }

    private static String next(String[] t, int[] pos) {
        if (pos[0] >= t.length) {
            throw new IllegalArgumentException("BVH: unexpected end of file");
        }
        return t[pos[0]++];
    }

    /** A name may hold spaces (3ds Max Biped writes "Bip01 L Thigh"): every token up to the joint's "{". */
    private static String jointName(String[] t, int[] pos) {
        StringBuilder name = new StringBuilder(next(t, pos));
        while (pos[0] < t.length && !t[pos[0]].equals("{")) {
            name.append(' ').append(t[pos[0]++]);
        }
        return name.toString();
    }

    private static double num(String[] t, int[] pos) {
        return Double.parseDouble(next(t, pos));
    }

    private static void expect(String[] t, int[] pos, String word) {
        String found = next(t, pos);
        if (!found.equals(word)) {
            throw new IllegalArgumentException("BVH: expected " + word + ", found " + found);
        }
    }

    public List<String> jointNames() {
        return List.copyOf(names);
    }

    /** The parent index of each joint, -1 for the root. */
    public int[] parents() {
        return parents.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The whole clip as world positions per frame. */
    public SkeletonMotion motion(String name) {
        List<double[][]> positions = new ArrayList<>(frames.size());
        for (int f = 0; f < frames.size(); f++) {
            positions.add(worldPositions(f));
        }
        return new SkeletonMotion(name, names, parents(), positions, 1.0 / frameTime);
    }

    public int frameCount() {
        return frames.size();
    }

    public double frameTime() {
        return frameTime;
    }

    /** World positions of every joint (file units) in {@code frame}. */
    public double[][] worldPositions(int frame) {
        double[] values = frames.get(frame);
        int n = names.size();
        double[][] rotation = new double[n][];
        double[][] position = new double[n][];
        for (int j = 0; j < n; j++) {
            double[] local = offsets.get(j).clone();
            double[] r = Rotations.identity();
            String[] ch = channels.get(j);
            for (int c = 0; c < ch.length; c++) {
                double v = values[firstChannel.get(j) + c];
                switch (ch[c]) {
                    case "Xposition" -> local[0] += v;
                    case "Yposition" -> local[1] += v;
                    case "Zposition" -> local[2] += v;
                    case "Xrotation" -> r = Rotations.multiply(r,
                            Rotations.fromAxisAngle(new double[] {Math.toRadians(v), 0, 0}));
                    case "Yrotation" -> r = Rotations.multiply(r,
                            Rotations.fromAxisAngle(new double[] {0, Math.toRadians(v), 0}));
                    case "Zrotation" -> r = Rotations.multiply(r,
                            Rotations.fromAxisAngle(new double[] {0, 0, Math.toRadians(v)}));
                    default -> throw new IllegalArgumentException("BVH: unknown channel " + ch[c]);
                }
            }
            int p = parents.get(j);
            if (p < 0) {
                rotation[j] = r;
                position[j] = local;
            } else {
                rotation[j] = Rotations.multiply(rotation[p], r);
                double[] d = Rotations.apply(rotation[p], local);
                position[j] = new double[] {position[p][0] + d[0], position[p][1] + d[1], position[p][2] + d[2]};
            }
        }
        return position;
    }
}
