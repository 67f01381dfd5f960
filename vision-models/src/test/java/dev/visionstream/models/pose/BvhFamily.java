package dev.visionstream.models.pose;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A BVH naming family written over a {@link CanonicalBody}: one line per joint, {@code name < parent @ point}
 * ({@code End} for an end site; the root has no parent). In names {@code #} stands for the long side word
 * (Left/Right), {@code ~} for the short one (L/R, l/r) and in points {@code ^} for the point's side (l/r); a line
 * with any of them is written for both sides. The family's unit and up axis (Y, or Z with the body facing -Y as
 * in 3ds Max) change the numbers, not the body.
 */
record BvhFamily(String name, double unit, boolean zUp, String[] longSide, String[] shortSide, List<String> lines) {
    static BvhFamily of(String name, double unit, boolean zUp, String longSides, String shortSides, String... lines) {
        return new BvhFamily(name, unit, zUp, longSides.split("/"), shortSides.split("/"), List.of(lines));
    }

    private record Joint(String name, String parent, String point, List<Joint> children) {
    }

    /** The BVH text of {@code body}'s motion, every joint renamed by {@code rename} (end sites stay end sites). */
    String bvh(CanonicalBody body, boolean rightFirst, UnaryOperator<String> rename) {
        Map<String, Joint> byName = new LinkedHashMap<>();
        Joint root = null;
        int[] order = rightFirst ? new int[] {1, 0} : new int[] {0, 1};
        for (String line : lines) {
            boolean sided = line.contains("#") || line.contains("~") || line.contains("^");
            for (int s : sided ? order : new int[] {0}) {
                String[] at = expand(line, s).split("@");
                String[] names = at[0].split("<");
                String jointName = names[0].trim();
                Joint joint = new Joint(jointName, names.length > 1 ? names[1].trim() : null, at[1].trim(),
                        new ArrayList<>());
                if (joint.parent() == null) {
                    root = joint;
                } else {
                    Joint parent = byName.get(joint.parent());
                    if (parent == null) {
                        throw new IllegalStateException(name + ": no parent " + joint.parent() + " for " + jointName);
                    }
                    parent.children().add(joint);
                }
                if (!jointName.equals("End")) {
                    byName.put(jointName, joint);
                }
            }
        }
        StringBuilder text = new StringBuilder("HIERARCHY\n");
        List<Joint> written = new ArrayList<>();
        write(body, root, null, rename, text, written, "");
        Set<String> rotated = new HashSet<>();
        List<Boolean> rotates = new ArrayList<>();
        for (Joint j : written) {
            rotates.add(CanonicalBody.ROTATING.contains(j.point()) && rotated.add(j.point()));
        }
        text.append("MOTION\nFrames: ").append(body.frames()).append("\nFrame Time: 0.0333333333\n");
        for (int f = 0; f < body.frames(); f++) {
            for (int i = 0; i < written.size(); i++) {
                Joint j = written.get(i);
                if (i == 0) {
                    double[] p = body.rest(j.point()).clone();
                    double[] t = body.translation(f);
                    for (int k = 0; k < 3; k++) {
                        p[k] += t[k];
                    }
                    append(text, axes(p, unit));
                }
                double[] zxy = rotates.get(i) ? body.angles(j.point(), f) : new double[3];
                // Y up: channels Z X Y; Z up maps the canonical axes z, x, y onto -Y, X, Z
                append(text, zUp ? new double[] {-zxy[0], zxy[1], zxy[2]} : zxy);
            }
            text.append('\n');
        }
        return text.toString();
    }

    private String expand(String line, int side) {
        return line.replace("#", longSide[side]).replace("~", shortSide[side]).replace("^", side == 0 ? "l" : "r");
    }

    private void write(CanonicalBody body, Joint j, Joint parent, UnaryOperator<String> rename, StringBuilder text,
                       List<Joint> written, String indent) {
        boolean end = j.name().equals("End");
        String channels = zUp ? "Yrotation Xrotation Zrotation" : "Zrotation Xrotation Yrotation";
        if (parent == null) {
            text.append("ROOT ").append(rename.apply(j.name())).append("\n{\n  OFFSET 0 0 0\n  CHANNELS 6 ")
                    .append("Xposition Yposition Zposition ").append(channels).append('\n');
        } else {
            text.append(indent).append(end ? "End Site" : "JOINT " + rename.apply(j.name())).append('\n')
                    .append(indent).append("{\n").append(indent).append("  OFFSET");
            double[] offset = axes(Rotations.sub(body.rest(j.point()), body.rest(parent.point())), unit);
            append(text, offset);
            text.append('\n');
            if (!end) {
                text.append(indent).append("  CHANNELS 3 ").append(channels).append('\n');
            }
        }
        if (!end) {
            written.add(j);
        }
        for (Joint c : j.children()) {
            write(body, c, j, rename, text, written, indent + "  ");
        }
        text.append(indent).append("}\n");
    }

    /** Canonical (x, y, z) metres in this family's axes and unit: Z up writes (x, -z, y). */
    private double[] axes(double[] p, double scale) {
        return zUp ? new double[] {p[0] * scale, -p[2] * scale, p[1] * scale}
                : new double[] {p[0] * scale, p[1] * scale, p[2] * scale};
    }

    private static void append(StringBuilder text, double[] values) {
        for (double v : values) {
            text.append(' ').append(String.format(Locale.ROOT, "%.10f", v));
        }
    }
}
