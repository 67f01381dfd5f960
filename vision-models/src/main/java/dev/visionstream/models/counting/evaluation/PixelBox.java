package dev.visionstream.models.counting.evaluation;

import dev.visionstream.schemas.Box;

/** A box by its corners on the pixel grid: x2 = x1 + width, y2 = y1 + height. */
public record PixelBox(int x1, int y1, int x2, int y2) {
    public PixelBox {
        if (!(x2 > x1 && y2 > y1)) {
            throw new IllegalArgumentException("box (" + x1 + "," + y1 + ")-(" + x2 + "," + y2 + ") is empty");
        }
    }

    public Box toBox() {
        return new Box(x1, y1, x2 - x1, y2 - y1);
    }
}
