package dev.visionstream.models.counting.evaluation;

/**
 * An object of a composite scene, in paste order.
 *
 * @param box     the tight box of its opaque pixels
 * @param visible the share of its opaque pixels that nothing pasted later covers
 * @param target  counted, or a distractor
 */
public record PastedObject(PixelBox box, double visible, boolean target) {
}
