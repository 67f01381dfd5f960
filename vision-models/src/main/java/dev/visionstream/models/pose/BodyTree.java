package dev.visionstream.models.pose;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A source hierarchy reduced to the joints that shape a body, so that chains count real bones: end sites and nubs
 * become the tip of their parent, twist/roll helpers and footstep nodes are spliced out (their children move up),
 * and a joint at its parent's position (CMU's LHipJoint and zero-length LeftShoulder, Biped's Pelvis under Bip01)
 * merges into the parent. Indices stay those of the source skeleton.
 */
final class BodyTree {
    /** A joint closer to its parent than this fraction of the skeleton's extent is the same point. */
    private static final double SAME_POINT = 1e-3;

    private final List<String> names;
    private final double[][] positions;
    private final List<List<Integer>> children = new ArrayList<>();
    private final int[] tip;
    private final int root;

    BodyTree(List<String> names, int[] parents, double[][] positions) {
        this.names = List.copyOf(names);
        this.positions = positions;
        int n = names.size();
        tip = new int[n];
        Arrays.fill(tip, -1);
        List<List<Integer>> sourceChildren = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sourceChildren.add(new ArrayList<>());
            children.add(new ArrayList<>());
        }
        int sourceRoot = -1;
        for (int i = 0; i < n; i++) {
            if (parents[i] < 0) {
                // several roots: the body hangs under the one with the most joints below it
                if (sourceRoot < 0 || subtreeSize(sourceChildren, i) > subtreeSize(sourceChildren, sourceRoot)) {
                    sourceRoot = i;
                }
            } else {
                sourceChildren.get(parents[i]).add(i);
            }
        }
        if (sourceRoot < 0) {
            throw new IllegalArgumentException("skeleton has no root joint (every joint has a parent)");
        }
        root = sourceRoot;
        double samePoint = SAME_POINT * extent(positions);
        // representative[i]: the kept joint that stands for i (itself, or the ancestor it was spliced or merged into)
        int[] representative = new int[n];
        Deque<Integer> queue = new ArrayDeque<>(List.of(root));
        representative[root] = root;
        while (!queue.isEmpty()) {
            int j = queue.poll();
            for (int c : sourceChildren.get(j)) {
                int up = representative[j];
                if (isEndSite(sourceChildren, c)) {
                    if (tip[up] < 0 || distance(up, c) > distance(up, tip[up])) {
                        tip[up] = c;
                    }
                    continue;
                }
                if (isHelper(names.get(c)) || Rotations.norm(Rotations.sub(positions[c], positions[up])) < samePoint) {
                    representative[c] = up;
                } else {
                    representative[c] = c;
                    children.get(up).add(c);
                }
                queue.add(c);
            }
        }
    }

    private static int subtreeSize(List<List<Integer>> children, int j) {
        int size = 1;
        for (int c : children.get(j)) {
            size += subtreeSize(children, c);
        }
        return size;
    }

    private static double extent(double[][] positions) {
        double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] p : positions) {
            for (int i = 0; i < 3; i++) {
                min[i] = Math.min(min[i], p[i]);
                max[i] = Math.max(max[i], p[i]);
            }
        }
        return Rotations.norm(Rotations.sub(max, min));
    }

    /**
     * BvhClip names end sites {@code <parent>_end}; Mixamo ends chains with a joint {@code _End} (which has an end
     * site of its own), Biped with {@code Nub}: an end-named joint with nothing but end-named joints below.
     */
    private boolean isEndSite(List<List<Integer>> sourceChildren, int j) {
        String n = JointMapping.normalize(names.get(j));
        if (!n.endsWith("end") && !n.endsWith("nub")) {
            return false;
        }
        return sourceChildren.get(j).stream().allMatch(c -> isEndSite(sourceChildren, c));
    }

    /** Twist/roll joints ride along a bone; Biped's footsteps lie on the floor; neither is a body joint. */
    private static boolean isHelper(String name) {
        String n = JointMapping.normalize(name);
        return n.contains("twist") || n.contains("roll") || n.contains("footstep") || n.contains("schritte");
    }

    int root() {
        return root;
    }

    String name(int j) {
        return names.get(j);
    }

    double[] position(int j) {
        return positions[j];
    }

    List<Integer> children(int j) {
        return children.get(j);
    }

    /** The end site (or nub) below {@code j}, -1 if it has none. */
    int tip(int j) {
        return tip[j];
    }

    double distance(int a, int b) {
        return Rotations.norm(Rotations.sub(positions[a], positions[b]));
    }

    /** Kept joints, the root first, each after its parent. */
    List<Integer> breadthFirst() {
        List<Integer> order = new ArrayList<>(List.of(root));
        for (int i = 0; i < order.size(); i++) {
            order.addAll(children.get(order.get(i)));
        }
        return order;
    }

    int subtreeSize(int j) {
        return subtreeSize(children, j);
    }

    /** How far the subtree of {@code j}, tips included, reaches from {@code from}. */
    double reach(int j, int from) {
        double far = distance(j, from);
        if (tip[j] >= 0) {
            far = Math.max(far, distance(tip[j], from));
        }
        for (int c : children.get(j)) {
            far = Math.max(far, reach(c, from));
        }
        return far;
    }
}
