package dev.visionstream.models.pose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node animation of a 3ds Max ASCII Export (*.ase) file, e.g. a Biped skeleton, as world positions per frame.
 *
 * <p>Semantics, checked against MotionCaptureROM.ase (every node's NODE_TM reproduced at tick 0 within the file's
 * 4-decimal rounding): {@code *NODE_TM} is the world transform at the first frame in row-vector form (TM_ROW3 the
 * translation), so the parent-relative rest transform is {@code TM_node · TM_parent⁻¹}. Animation samples are
 * parent-relative: {@code *CONTROL_POS_SAMPLE tick x y z} is the absolute position; {@code *CONTROL_ROT_SAMPLE tick
 * axis angle} is, for the first key, the absolute rotation and, for every later key, an increment applied after the
 * previous key's rotation ({@code R_k = R_{k-1} · ΔR_k} in row-vector form), the axis-angle read as the row-vector
 * matrix of the right-handed Rodrigues formula. A node without a track keeps its rest value for that channel.
 * Positions are sampled linearly, rotations by slerp between accumulated keys; frames run from SCENE_FIRSTFRAME to
 * SCENE_LASTFRAME inclusive at SCENE_FRAMESPEED.
 */
public final class AseMotion {
    private static final Pattern TOKEN = Pattern.compile("\"[^\"]*\"|\\S+");

    private final List<Node> nodes = new ArrayList<>();
    private int firstFrame;
    private int lastFrame = -1;
    private double fps = 30;
    private int ticksPerFrame = 160;

    private AseMotion() {
    }

    public static AseMotion read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
    }

    public static AseMotion parse(String text) {
        AseMotion motion = new AseMotion();
        motion.readLines(text.split("\r?\n"));
        motion.link();
        return motion;
    }

    public List<String> names() {
        return nodes.stream().map(n -> n.name).toList();
    }

    public int[] parents() {
        return nodes.stream().mapToInt(n -> n.parent).toArray();
    }

    public int frameCount() {
        return lastFrame - firstFrame + 1;
    }

    public double fps() {
        return fps;
    }

    /** Every node's world position from its NODE_TM (the first frame as the exporter saw it). */
    public double[][] nodeTmPositions() {
        return nodes.stream().map(n -> n.worldTm.translation().clone()).toArray(double[][]::new);
    }

    /** World positions of every node (file units) in {@code frame}, counted from SCENE_FIRSTFRAME. */
    public double[][] worldPositions(int frame) {
        double tick = (double) (firstFrame + frame) * ticksPerFrame;
        Affine3[] world = new Affine3[nodes.size()];
        double[][] positions = new double[nodes.size()][];
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            Affine3 local = n.localAt(tick);
            world[i] = n.parent < 0 ? local : world[n.parent].times(local);
            positions[i] = world[i].translation().clone();
        }
        return positions;
    }

    public SkeletonMotion motion(String name) {
        List<double[][]> frames = new ArrayList<>(frameCount());
        for (int f = 0; f < frameCount(); f++) {
            frames.add(worldPositions(f));
        }
        return new SkeletonMotion(name, names(), parents(), frames, fps);
    }

    private void readLines(String[] lines) {
        Deque<String> blocks = new ArrayDeque<>();
        Node node = null;
        for (int ln = 0; ln < lines.length; ln++) {
            List<String> t = tokens(lines[ln]);
            if (t.isEmpty()) {
                continue;
            }
            Line line = new Line(ln + 1, t);
            String key = t.get(0);
            if (key.equals("}")) {
                if (blocks.isEmpty()) {
                    throw line.error("unbalanced '}'");
                }
                blocks.pop();
                continue;
            }
            String block = blocks.isEmpty() ? "" : blocks.peek();
            boolean topLevel = blocks.isEmpty() || block.equals("*GROUP");
            if (topLevel && key.endsWith("OBJECT") && t.get(t.size() - 1).equals("{")) {
                node = new Node();
                nodes.add(node);
            } else if (block.endsWith("OBJECT") && key.equals("*NODE_NAME")) {
                node.name = line.string(1);
            } else if (block.endsWith("OBJECT") && key.equals("*NODE_PARENT")) {
                node.parentName = line.string(1);
            } else if (key.startsWith("*CONTROL_") && !key.equals("*CONTROL_POS_TRACK")
                    && !key.equals("*CONTROL_ROT_TRACK") && !key.equals("*CONTROL_POS_SAMPLE")
                    && !key.equals("*CONTROL_ROT_SAMPLE")) {
                // TCB/Bezier keys and scale tracks carry tangents or scale this reader would silently drop
                throw line.error("unsupported animation controller " + key);
            }
            switch (block + " " + key) {
                case "*SCENE *SCENE_FIRSTFRAME" -> firstFrame = line.integer(1);
                case "*SCENE *SCENE_LASTFRAME" -> lastFrame = line.integer(1);
                case "*SCENE *SCENE_FRAMESPEED" -> fps = line.number(1);
                case "*SCENE *SCENE_TICKSPERFRAME" -> ticksPerFrame = line.integer(1);
                case "*NODE_TM *TM_ROW0", "*NODE_TM *TM_ROW1", "*NODE_TM *TM_ROW2", "*NODE_TM *TM_ROW3" ->
                        node.rows[key.charAt(key.length() - 1) - '0'] = line.vector(1);
                case "*CONTROL_POS_TRACK *CONTROL_POS_SAMPLE" ->
                        node.positionKeys.add(new double[] {line.number(1), line.number(2), line.number(3),
                                line.number(4)});
                case "*CONTROL_ROT_TRACK *CONTROL_ROT_SAMPLE" ->
                        node.rotationKeys.add(new double[] {line.number(1), line.number(2), line.number(3),
                                line.number(4), line.number(5)});
                default -> {
                }
            }
            if (t.get(t.size() - 1).equals("{")) {
                blocks.push(key);
            }
        }
        if (!blocks.isEmpty()) {
            throw new IllegalArgumentException("ASE: unterminated block " + blocks.peek() + " at end of file");
        }
        if (lastFrame < firstFrame) {
            throw new IllegalArgumentException("ASE: no *SCENE_LASTFRAME at or after *SCENE_FIRSTFRAME");
        }
    }

    /** Resolves parents and turns world rest transforms and raw keys into parent-relative tracks. */
    private void link() {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n.name == null) {
                throw new IllegalArgumentException("ASE: object #" + (i + 1) + " has no *NODE_NAME");
            }
            for (int r = 0; r < 4; r++) {
                if (n.rows[r] == null) {
                    throw new IllegalArgumentException("ASE: node \"" + n.name + "\" lacks *TM_ROW" + r);
                }
            }
            n.worldTm = new Affine3(Rotations.transpose(new double[] {
                    n.rows[0][0], n.rows[0][1], n.rows[0][2], n.rows[1][0], n.rows[1][1], n.rows[1][2],
                    n.rows[2][0], n.rows[2][1], n.rows[2][2]}), n.rows[3]);
            if (n.parentName == null) {
                n.parent = -1;
                n.rest = n.worldTm;
            } else {
                Integer p = index.get(n.parentName);
                if (p == null) {
                    throw new IllegalArgumentException("ASE: node \"" + n.name + "\" names parent \""
                            + n.parentName + "\" that is not defined before it");
                }
                n.parent = p;
                n.rest = nodes.get(p).worldTm.inverse().times(n.worldTm);
            }
            index.put(n.name, i);
            n.buildTracks();
        }
    }

    private static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(line);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private record Line(int number, List<String> tokens) {
        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("ASE line " + number + ": " + message + " in '"
                    + String.join(" ", tokens) + "'");
        }

        String token(int i) {
            if (i >= tokens.size()) {
                throw error("expected " + (i + 1) + " tokens after " + tokens.get(0));
            }
            return tokens.get(i);
        }

        double number(int i) {
            try {
                return Double.parseDouble(token(i));
            } catch (NumberFormatException e) {
                throw error("'" + token(i) + "' is not a number");
            }
        }

        int integer(int i) {
            try {
                return Integer.parseInt(token(i));
            } catch (NumberFormatException e) {
                throw error("'" + token(i) + "' is not an integer");
            }
        }

        double[] vector(int i) {
            return new double[] {number(i), number(i + 1), number(i + 2)};
        }

        String string(int i) {
            String s = token(i);
            if (s.length() < 2 || !s.startsWith("\"") || !s.endsWith("\"")) {
                throw error("expected a quoted name, found " + s);
            }
            return s.substring(1, s.length() - 1);
        }
    }

    private static final class Node {
        final double[][] rows = new double[4][];
        final List<double[]> positionKeys = new ArrayList<>();
        final List<double[]> rotationKeys = new ArrayList<>();
        String name;
        String parentName;
        int parent;
        Affine3 worldTm;
        Affine3 rest;
        double[] positionTimes;
        double[][] positions;
        double[] rotationTimes;
        double[][] rotations;

        void buildTracks() {
            positionTimes = positionKeys.stream().mapToDouble(k -> k[0]).toArray();
            positions = positionKeys.stream().map(k -> new double[] {k[1], k[2], k[3]}).toArray(double[][]::new);
            rotationTimes = rotationKeys.stream().mapToDouble(k -> k[0]).toArray();
            rotations = new double[rotationKeys.size()][];
            double[] accumulated = null;
            for (int k = 0; k < rotations.length; k++) {
                double[] key = rotationKeys.get(k);
                double axisLength = Math.sqrt(key[1] * key[1] + key[2] * key[2] + key[3] * key[3]);
                double s = axisLength == 0 ? 0 : -key[4] / axisLength;  // column-vector form of Max's rotation
                double[] step = Rotations.fromAxisAngle(new double[] {s * key[1], s * key[2], s * key[3]});
                accumulated = accumulated == null ? step : Rotations.multiply(step, accumulated);
                rotations[k] = Rotations.toQuaternion(accumulated);
            }
            if (rotations.length > 0) {
                double[] m = rest.linear();
                for (int c = 0; c < 3; c++) {
                    double norm = Math.sqrt(m[c] * m[c] + m[3 + c] * m[3 + c] + m[6 + c] * m[6 + c]);
                    if (Math.abs(norm - 1) > 1e-3) {
                        // a rotation track replaces the whole linear part; its scale would be lost
                        throw new IllegalArgumentException("ASE: node \"" + name + "\" is scaled (" + norm
                                + ") relative to its parent and has a rotation track: scale is not supported");
                    }
                }
            }
            checkIncreasing(positionTimes, "position");
            checkIncreasing(rotationTimes, "rotation");
        }

        private void checkIncreasing(double[] times, String what) {
            for (int k = 1; k < times.length; k++) {
                if (times[k] <= times[k - 1]) {
                    throw new IllegalArgumentException("ASE: node \"" + name + "\" " + what + " key at tick "
                            + times[k] + " does not follow tick " + times[k - 1]);
                }
            }
        }

        Affine3 localAt(double tick) {
            double[] linear = rotations.length == 0 ? rest.linear() : Keyframes.rotation(rotationTimes, rotations,
                    tick);
            double[] translation = positions.length == 0 ? rest.translation() : Keyframes.linear(positionTimes,
                    positions, tick);
            return new Affine3(linear, translation);
        }
    }
}
