package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the SMPL-24 body lies in any source hierarchy, found by its shape rather than by its names, so that every
 * naming family (CMU, Mixamo, HumanIK, Biped in any language, Unreal, Poser, ...) maps without a table. The pelvis
 * is the joint where two legs (chains of 3+ joints going down) and the spine branch; the spine runs up to the
 * chest hub, where two arms (the chains of 3+ joints reaching farthest) and the neck branch. Names only settle left
 * and right, with the body's geometry as the fallback. Read on the first frame, after {@link BodyTree} has dropped
 * helpers and merged zero-length bones.
 */
public final class SkeletonTopology {
    /** The SMPL hand lies this far beyond the wrist, in forearm lengths (rest skeleton), when nothing marks it. */
    private static final double HAND_BEYOND_WRIST = handBeyondWrist();

    private final BodyTree tree;
    private final List<String> names;
    private final int pelvis;
    /** The joints above the pelvis up to the hub, the hub last. */
    private final List<Integer> spine;
    private final LimbChain leftLeg;
    private final LimbChain rightLeg;
    private final LimbChain leftArm;
    private final LimbChain rightArm;
    /** The neck joint, -1 when the head sits directly on the hub (Biped's clavicles hang from its neck). */
    private final int neck;
    private final int head;

    private SkeletonTopology(BodyTree tree, List<String> names, int pelvis, List<Integer> spine, LimbChain[] legs,
                             LimbChain[] arms, int neck, int head) {
        this.tree = tree;
        this.names = List.copyOf(names);
        this.pelvis = pelvis;
        this.spine = List.copyOf(spine);
        this.leftLeg = legs[0];
        this.rightLeg = legs[1];
        this.leftArm = arms[0];
        this.rightArm = arms[1];
        this.neck = neck;
        this.head = head;
    }

    /** The topology of {@code motion}'s skeleton, read on its first frame. */
    public static SkeletonTopology of(SkeletonMotion motion) {
        if (motion.frameCount() == 0) {
            throw new IllegalArgumentException("skeleton " + motion.name() + " has no frame to read its shape from");
        }
        return of(motion.names(), motion.parents(), motion.frames().get(0));
    }

    /**
     * @throws IllegalArgumentException naming the structure found and what is missing when no joint has legs, a
     *                                  spine with arms and a head below it
     */
    public static SkeletonTopology of(List<String> names, int[] parents, double[][] positions) {
        BodyTree tree = new BodyTree(names, parents, positions);
        for (int candidate : tree.breadthFirst()) {
            SkeletonTopology found = atPelvis(tree, names, candidate);
            if (found != null) {
                return found;
            }
        }
        throw new IllegalArgumentException("cannot map skeleton to SMPL-24: " + diagnose(tree));
    }

    /** The body with its pelvis at {@code p}, or null when the joints below {@code p} do not form one. */
    private static SkeletonTopology atPelvis(BodyTree tree, List<String> names, int p) {
        List<Integer> kids = tree.children(p);
        if (kids.size() < 3) {
            return null;
        }
        int spineStart = largestSubtree(tree, kids);
        List<Integer> spine = new ArrayList<>();
        int hub = findHub(tree, spineStart, spine);
        if (hub < 0) {
            return null;
        }
        double[] up = Rotations.sub(tree.position(hub), tree.position(p));
        List<List<Integer>> legPaths = longestChains(tree, p, kids.stream().filter(k -> k != spineStart).toList());
        if (legPaths.size() < 2) {
            return null;
        }
        for (List<Integer> leg : legPaths) {
            if (Rotations.dot(Rotations.sub(tree.position(leg.get(2)), tree.position(p)), up) >= 0) {
                return null;
            }
        }
        List<List<Integer>> armPaths = longestChains(tree, hub, tree.children(hub));
        List<Integer> armStarts = List.of(armPaths.get(0).get(0), armPaths.get(1).get(0));
        int neckStart = -1;
        for (int k : tree.children(hub)) {
            if (!armStarts.contains(k)
                    && (neckStart < 0 || height(tree, k, hub, up) > height(tree, neckStart, hub, up))) {
                neckStart = k;
            }
        }
        if (neckStart < 0) {
            return null;
        }
        List<Integer> neckPath = mainPath(tree, neckStart);
        int head = neckPath.stream().filter(j -> isHeadName(tree.name(j))).findFirst()
                .orElse(neckPath.get(neckPath.size() - 1));
        int neck = neckPath.get(0) == head ? -1 : neckPath.get(0);
        LimbChain[] legs = bySide(tree, LimbChain.of(tree, legPaths.get(0)), LimbChain.of(tree, legPaths.get(1)),
                legPaths, leftward(tree, p, up, legPaths));
        double[] hipLeft = Rotations.sub(tree.position(legs[0].upper()), tree.position(legs[1].upper()));
        LimbChain[] arms = bySide(tree, LimbChain.of(tree, armPaths.get(0)), LimbChain.of(tree, armPaths.get(1)),
                armPaths, hipLeft);
        return new SkeletonTopology(tree, names, p, spine, legs, arms, neck, head);
    }

    /**
     * Walks up the spine (always into the child with the most joints below it) to the first joint where two
     * chains of 3+ joints branch off besides the way on: the chest hub. -1 when there is none.
     */
    private static int findHub(BodyTree tree, int start, List<Integer> path) {
        int j = start;
        while (true) {
            path.add(j);
            List<Integer> kids = tree.children(j);
            if (kids.size() >= 3 && longestChains(tree, j, kids).size() >= 2) {
                return j;
            }
            if (kids.isEmpty()) {
                return -1;
            }
            j = largestSubtree(tree, kids);
        }
    }

    private static int largestSubtree(BodyTree tree, List<Integer> kids) {
        return kids.stream().max(Comparator.comparingInt(tree::subtreeSize)).orElseThrow();
    }

    /** Main paths of 3+ joints starting at {@code kids}: the two longest first, then the farther reaching. */
    private static List<List<Integer>> longestChains(BodyTree tree, int from, List<Integer> kids) {
        return kids.stream().map(k -> mainPath(tree, k)).filter(path -> path.size() >= 3)
                .sorted(Comparator.<List<Integer>>comparingDouble(path -> -tree.reach(path.get(0), from)))
                .limit(2).toList();
    }

    /**
     * From {@code start} outwards: at a branch the middle finger or toe by name, else the child reaching farthest
     * (the toe rather than the heel, the longest finger rather than the thumb).
     */
    private static List<Integer> mainPath(BodyTree tree, int start) {
        List<Integer> path = new ArrayList<>(List.of(start));
        int j = start;
        while (!tree.children(j).isEmpty()) {
            int from = j;
            List<Integer> kids = tree.children(j);
            j = kids.stream().filter(k -> isMiddleName(tree.name(k))).findFirst().orElseGet(() -> kids.stream()
                    .max(Comparator.comparingDouble(k -> tree.reach(k, from))).orElseThrow());
            path.add(j);
        }
        return path;
    }

    /** How high the subtree of {@code j} rises above {@code hub} along {@code up}: the neck rises most. */
    private static double height(BodyTree tree, int j, int hub, double[] up) {
        double top = Rotations.dot(Rotations.sub(tree.position(j), tree.position(hub)), up);
        for (int c : tree.children(j)) {
            top = Math.max(top, height(tree, c, hub, up));
        }
        return top;
    }

    private static boolean isHeadName(String name) {
        String n = JointMapping.normalize(name);
        return n.contains("head") || n.contains("kopf") || n.contains("tete") || n.contains("cabeza")
                || n.contains("testa");
    }

    private static boolean isMiddleName(String name) {
        String n = JointMapping.normalize(name);
        return n.contains("middle") || n.contains("mittel") || n.contains("majeur");
    }

    /**
     * The subject's left, from geometry for skeletons without side names: up (pelvis to chest) × forward (ankle
     * to toe, both feet) points left, as SMPL's Y × Z = X. Null when there are no feet to say where forward is.
     */
    private static double[] leftward(BodyTree tree, int pelvis, double[] up, List<List<Integer>> legs) {
        double[] forward = new double[3];
        for (List<Integer> leg : legs) {
            LimbChain limb = LimbChain.of(tree, leg);
            if (limb.tip() >= 0) {
                double[] foot = Rotations.sub(tree.position(limb.tip()), tree.position(limb.end()));
                for (int i = 0; i < 3; i++) {
                    forward[i] += foot[i];
                }
            }
        }
        double[] u = Rotations.normalize(up);
        double along = Rotations.dot(forward, u);
        for (int i = 0; i < 3; i++) {
            forward[i] -= along * u[i];
        }
        if (Rotations.norm(forward) < 1e-9 * tree.distance(pelvis, legs.get(0).get(2))) {
            return null;
        }
        return Rotations.cross(u, forward);
    }

    /** {@code {left, right}}: by the names along the two chains, else by which upper joint lies to the left. */
    private static LimbChain[] bySide(BodyTree tree, LimbChain a, LimbChain b, List<List<Integer>> paths,
                                      double[] left) {
        List<Integer> pa = paths.get(0);
        List<Integer> pb = paths.get(1);
        for (int i = 0; i < Math.min(pa.size(), pb.size()); i++) {
            BodySide side = BodySide.ofPair(tree.name(pa.get(i)), tree.name(pb.get(i)));
            if (side != BodySide.UNKNOWN) {
                return side == BodySide.LEFT ? new LimbChain[] {a, b} : new LimbChain[] {b, a};
            }
        }
        if (left == null) {
            throw new IllegalArgumentException("cannot tell left from right: the names " + tree.name(pa.get(0))
                    + " and " + tree.name(pb.get(0)) + " give no side and there are no feet to see where the body"
                    + " faces");
        }
        double[] across = Rotations.sub(tree.position(a.upper()), tree.position(b.upper()));
        return Rotations.dot(across, left) > 0 ? new LimbChain[] {a, b} : new LimbChain[] {b, a};
    }

    /** What the most branched joint has below it, and what a body would still need. */
    private static String diagnose(BodyTree tree) {
        int root = tree.breadthFirst().stream().max(Comparator.comparingInt((Integer j) -> tree.children(j).size())
                .thenComparing(Comparator.comparingInt(tree.breadthFirst()::indexOf).reversed())).orElseThrow();
        List<Integer> kids = tree.children(root);
        StringBuilder found = new StringBuilder("found root " + tree.name(root) + " with " + kids.size()
                + (kids.size() == 1 ? " chain" : " chains"));
        List<String> missing = new ArrayList<>();
        if (kids.isEmpty()) {
            return found + "; missing: legs, spine, arms, head";
        }
        int spineStart = largestSubtree(tree, kids);
        List<Integer> spinePath = new ArrayList<>();
        int hub = findHub(tree, spineStart, spinePath);
        List<String> legs = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (int k : kids) {
            if (k != spineStart) {
                int length = mainPath(tree, k).size();
                (length >= 3 ? legs : other).add(tree.name(k) + " (" + length + " joints)");
            }
        }
        found.append(": legs ").append(legs.size()).append(legs.isEmpty() ? "" : " " + legs);
        found.append(", spine ").append(tree.name(spineStart)).append(" (").append(spinePath.size())
                .append(" joints up to ").append(tree.name(spinePath.get(spinePath.size() - 1)));
        if (hub < 0) {
            found.append(", no arms branch from it)");
        } else {
            found.append(" where ").append(tree.children(hub).size()).append(" chains branch)");
        }
        if (!other.isEmpty()) {
            found.append(", other ").append(other);
        }
        if (legs.size() < 2) {
            missing.add("legs (two chains of 3+ joints beside the spine)");
        }
        if (hub < 0) {
            missing.add("arms (a joint on the spine where two chains of 3+ joints branch)");
        } else if (tree.children(hub).size() < 3) {
            missing.add("head (a third branch at " + tree.name(hub) + ")");
        }
        if (missing.isEmpty()) {
            missing.add("legs going down from " + tree.name(root));
        }
        return found + "; missing: " + String.join(", ", missing);
    }

    /**
     * The SMPL-24 mapping: each SMPL joint one source joint or a fixed blend. Spine1..3 = the first spine joint,
     * the middle of the spine, the hub (one spine joint only: thirds of pelvis to hub); a missing collar is the
     * midpoint of hub and shoulder and a missing neck the midpoint of hub and head (as the CMU table does); the
     * hand is a finger joint or the wrist's end site, else extrapolated along the forearm; the foot the toe joint
     * or the ankle's end site, else the ankle.
     */
    public JointMapping mapping() {
        int hub = spine.get(spine.size() - 1);
        String[] rows = new String[SmplSkeleton.JOINTS];
        rows[0] = term(pelvis, 1);
        rows[1] = term(leftLeg.upper(), 1);
        rows[2] = term(rightLeg.upper(), 1);
        int n = spine.size();
        if (n == 1) {
            rows[3] = term(pelvis, 2.0 / 3) + "+" + term(hub, 1.0 / 3);
            rows[6] = term(pelvis, 1.0 / 3) + "+" + term(hub, 2.0 / 3);
        } else {
            rows[3] = term(spine.get(0), 1);
            int low = (n - 1) / 2;
            int high = n / 2;
            rows[6] = low == high ? term(spine.get(low), 1)
                    : term(spine.get(low), 0.5) + "+" + term(spine.get(high), 0.5);
        }
        rows[9] = term(hub, 1);
        rows[4] = term(leftLeg.middle(), 1);
        rows[5] = term(rightLeg.middle(), 1);
        rows[7] = term(leftLeg.end(), 1);
        rows[8] = term(rightLeg.end(), 1);
        rows[10] = term(leftLeg.tip() >= 0 ? leftLeg.tip() : leftLeg.end(), 1);
        rows[11] = term(rightLeg.tip() >= 0 ? rightLeg.tip() : rightLeg.end(), 1);
        rows[12] = neck >= 0 ? term(neck, 1) : term(hub, 0.5) + "+" + term(head, 0.5);
        rows[13] = collar(leftArm, hub);
        rows[14] = collar(rightArm, hub);
        rows[15] = term(head, 1);
        rows[16] = term(leftArm.upper(), 1);
        rows[17] = term(rightArm.upper(), 1);
        rows[18] = term(leftArm.middle(), 1);
        rows[19] = term(rightArm.middle(), 1);
        rows[20] = term(leftArm.end(), 1);
        rows[21] = term(rightArm.end(), 1);
        rows[22] = hand(leftArm);
        rows[23] = hand(rightArm);
        return JointMapping.fromExpressions("topology", rows);
    }

    private String collar(LimbChain arm, int hub) {
        return arm.girdle() >= 0 ? term(arm.girdle(), 1) : term(hub, 0.5) + "+" + term(arm.upper(), 0.5);
    }

    private String hand(LimbChain arm) {
        if (arm.tip() >= 0) {
            return term(arm.tip(), 1);
        }
        return term(arm.end(), 1 + HAND_BEYOND_WRIST) + "+" + term(arm.middle(), -HAND_BEYOND_WRIST);
    }

    /** {@code name*weight} with the normalised name {@link JointMapping#apply} looks joints up by. */
    private String term(int joint, double weight) {
        String key = JointMapping.normalize(names.get(joint));
        int first = names.stream().map(JointMapping::normalize).toList().indexOf(key);
        if (first != joint) {
            throw new IllegalArgumentException("joints " + names.get(first) + " and " + names.get(joint)
                    + " have the same name once case and punctuation are dropped; rename one");
        }
        return key + "*" + weight;
    }

    private static double handBeyondWrist() {
        double[][] rest = BodyShape.template().restJoints();
        return Rotations.norm(Rotations.sub(rest[22], rest[20])) / Rotations.norm(Rotations.sub(rest[20], rest[18]));
    }

    @Override
    public String toString() {
        return "pelvis " + tree.name(pelvis) + ", spine " + namesOf(spine) + ", legs L " + namesOf(leftLeg.joints())
                + " R " + namesOf(rightLeg.joints()) + ", arms L " + namesOf(leftArm.joints()) + " R "
                + namesOf(rightArm.joints()) + ", neck " + (neck >= 0 ? tree.name(neck) : "-") + ", head "
                + tree.name(head);
    }

    private String namesOf(List<Integer> joints) {
        return joints.stream().map(tree::name).collect(Collectors.joining(", ", "[", "]"));
    }
}
