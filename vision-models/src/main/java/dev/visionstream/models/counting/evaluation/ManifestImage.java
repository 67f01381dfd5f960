package dev.visionstream.models.counting.evaluation;

import dev.visionstream.schemas.Box;
import java.util.List;

/**
 * One image of a counting manifest.
 *
 * @param name        unique within the manifest
 * @param path        the image file, relative to the manifest's images root
 * @param kind        {@link #COMPOSITE} or {@link #PHOTO}
 * @param count       the true number of objects like the exemplars
 * @param exemplars   1 to 3 tight boxes around objects that are counted
 * @param tags        what the image covers: {@code grid}, {@code scatter}, {@code touching}, {@code multicolour},
 *                    {@code textured}, {@code partial} (objects cut by the border), ...
 * @param split       for composites: the split whose classes and backgrounds it uses; null for photographs
 * @param targetClass for composites: the counted cut-out class; null for photographs
 * @param sources     every file the image is made of, with its package and licence
 * @param note        anything a reader of the figures should know; may be null
 */
public record ManifestImage(String name, String path, String kind, int count, List<PixelBox> exemplars,
                            List<String> tags, String split, String targetClass, List<SourceFile> sources,
                            String note) {
    public static final String COMPOSITE = "composite";
    public static final String PHOTO = "photo";

    public ManifestImage {
        exemplars = exemplars == null ? List.of() : List.copyOf(exemplars);
        tags = tags == null ? List.of() : List.copyOf(tags);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public List<Box> exemplarBoxes() {
        return exemplars.stream().map(PixelBox::toBox).toList();
    }
}
