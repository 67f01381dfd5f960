package dev.visionstream.app.demo;

import dev.visionstream.schemas.HealthFinding;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** A frame with a red border and a banner listing the health findings it raised. */
public final class AlertSnapshot {
    private AlertSnapshot() {
    }

    public static BufferedImage render(BufferedImage frame, String caption, List<HealthFinding> findings) {
        int banner = 22 + 16 * findings.size();
        // wide enough for the banner text even on small frames
        BufferedImage out = new BufferedImage(Math.max(frame.getWidth(), 560), frame.getHeight() + banner,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(0x8b0000));
        g.fillRect(0, 0, out.getWidth(), banner);
        g.drawImage(frame, 0, banner, null);
        g.setStroke(new BasicStroke(4));
        g.drawRect(2, banner + 2, frame.getWidth() - 4, frame.getHeight() - 4);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(caption, 6, 16);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < findings.size(); i++) {
            HealthFinding f = findings.get(i);
            g.drawString(f.kind() + ": " + f.message(), 6, 32 + 16 * i);
        }
        g.dispose();
        return out;
    }
}
