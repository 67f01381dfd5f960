package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.List;

/**
 * An arm or leg found on a body: the optional girdle joint (collar/clavicle, or a hip joint with a real offset),
 * the upper joint (shoulder, hip), the middle (elbow, knee), the end (wrist, ankle) and the tip beyond it (a
 * finger or toe joint, else the end's end site; -1 when the skeleton has neither).
 */
record LimbChain(int girdle, int upper, int middle, int end, int tip) {
    /**
     * Reads a limb off its main path (joints from the branch point outwards). Names cannot say whether the first
     * joint is a girdle ("LeftShoulder" is the collar in Mixamo, the upper arm in the Ab/Chest family), so the
     * lengths do: upper and lower limb bones are about as long as each other, a collar or foot is much shorter.
     */
    static LimbChain of(BodyTree tree, List<Integer> path) {
        if (path.size() < 3) {
            throw new IllegalStateException("a limb needs three joints, got " + path.size());
        }
        int girdle = 0;
        if (path.size() >= 4 && balance(tree, path, 1) < balance(tree, path, 0)) {
            girdle = 1;
        }
        int end = path.get(girdle + 2);
        int tip = girdle + 3 < path.size() ? path.get(girdle + 3) : tree.tip(end);
        return new LimbChain(girdle == 1 ? path.get(0) : -1, path.get(girdle), path.get(girdle + 1), end, tip);
    }

    /** |log(upper bone / lower bone)| when the limb starts at {@code first}: 0 for equal bones. */
    private static double balance(BodyTree tree, List<Integer> path, int first) {
        double upper = tree.distance(path.get(first), path.get(first + 1));
        double lower = tree.distance(path.get(first + 1), path.get(first + 2));
        return Math.abs(Math.log(upper / lower));
    }

    /** The joints of the limb in order, for names and messages. */
    List<Integer> joints() {
        ArrayList<Integer> out = new ArrayList<>();
        for (int j : new int[] {girdle, upper, middle, end, tip}) {
            if (j >= 0) {
                out.add(j);
            }
        }
        return out;
    }
}
