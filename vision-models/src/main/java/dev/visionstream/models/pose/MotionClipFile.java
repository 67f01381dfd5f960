package dev.visionstream.models.pose;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fitted motion clips on disk, so that training runs reuse the iterative fits of real motion (minutes of work) instead
 * of repeating them. A plain binary layout: a header, then per clip its name, rate, shape, and per frame the pose and
 * the target joints.
 */
public final class MotionClipFile {
    private static final String MAGIC = "visionstream-motion-clips-1";

    private MotionClipFile() {
    }

    public static void write(Path file, List<MotionClip> clips) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeUTF(MAGIC);
            out.writeInt(clips.size());
            for (MotionClip clip : clips) {
                out.writeUTF(clip.name());
                out.writeDouble(clip.fps());
                rows(out, clip.shape().offsets());
                out.writeInt(clip.frames());
                for (int f = 0; f < clip.frames(); f++) {
                    rows(out, clip.poses().get(f).axisAngles());
                    rows(out, new double[][] {clip.poses().get(f).translation()});
                    rows(out, clip.joints().get(f));
                }
            }
        }
    }

    public static List<MotionClip> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException("not a motion clip file: " + file);
            }
            int count = in.readInt();
            List<MotionClip> clips = new ArrayList<>(count);
            for (int c = 0; c < count; c++) {
                String name = in.readUTF();
                double fps = in.readDouble();
                BodyShape shape = new BodyShape(rows(in, SmplSkeleton.JOINTS));
                int frames = in.readInt();
                List<BodyPose> poses = new ArrayList<>(frames);
                List<double[][]> joints = new ArrayList<>(frames);
                for (int f = 0; f < frames; f++) {
                    double[][] aa = rows(in, SmplSkeleton.JOINTS);
                    poses.add(new BodyPose(aa, rows(in, 1)[0]));
                    joints.add(rows(in, SmplSkeleton.JOINTS));
                }
                clips.add(new MotionClip(name, fps, shape, poses, joints));
            }
            return clips;
        }
    }

    private static void rows(DataOutputStream out, double[][] rows) throws IOException {
        for (double[] row : rows) {
            for (int i = 0; i < 3; i++) {
                out.writeDouble(row[i]);
            }
        }
    }

    private static double[][] rows(DataInputStream in, int count) throws IOException {
        double[][] rows = new double[count][3];
        for (double[] row : rows) {
            for (int i = 0; i < 3; i++) {
                row[i] = in.readDouble();
            }
        }
        return rows;
    }
}
