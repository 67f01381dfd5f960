package dev.visionstream.models.counting.evaluation;

import dev.visionstream.schemas.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A list of counting images with exemplar boxes and true counts (JSON). Image paths are relative to
 * {@code imagesRoot}, itself relative to the manifest's folder, so a committed manifest can point into fetched
 * data without holding the images.
 *
 * @param format      {@link #FORMAT}
 * @param description what the set is and how it was made
 * @param imagesRoot  the folder the image paths start from, relative to the manifest's folder
 * @param producedBy  the commands that fetch or make the images, in order, named in the error when one is missing
 * @param images      the images
 */
public record CountingManifest(String format, String description, String imagesRoot, List<String> producedBy,
                               List<ManifestImage> images) {
    public static final String FORMAT = "vision-counting-manifest/1";

    public CountingManifest {
        imagesRoot = imagesRoot == null || imagesRoot.isBlank() ? "." : imagesRoot;
        producedBy = producedBy == null ? List.of() : List.copyOf(producedBy);
        images = images == null ? List.of() : List.copyOf(images);
    }

    /** Reads and checks a manifest; every problem is a {@link ManifestException} that says what is wrong. */
    public static CountingManifest read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ManifestException("manifest " + file + " does not exist");
        }
        CountingManifest manifest;
        try {
            manifest = Json.MAPPER.readValue(file.toFile(), CountingManifest.class);
        } catch (IOException e) {
            throw new ManifestException("manifest " + file + " is not valid JSON of this format: " + e.getMessage(),
                    e);
        }
        manifest.check(file);
        return manifest;
    }

    /** {@link #read}, then a check that every image is there, else one error naming the missing ones and why. */
    public static CountingManifest readWithImages(Path file) {
        CountingManifest manifest = read(file);
        List<String> missing = manifest.images().stream().map(i -> manifest.imageFile(file, i))
                .filter(p -> !Files.isRegularFile(p)).map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new ManifestException(missing.size() + " of the " + manifest.images().size() + " images of " + file
                    + " are missing (" + String.join(", ", missing) + ")" + (manifest.producedBy().isEmpty() ? ""
                    : "; they come from: " + String.join(", then ", manifest.producedBy())));
        }
        return manifest;
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
    }

    /** Where {@code image} lies for a manifest read from {@code manifestFile}. */
    public Path imageFile(Path manifestFile, ManifestImage image) {
        Path folder = manifestFile.toAbsolutePath().getParent();
        return folder.resolve(imagesRoot).resolve(image.path()).normalize();
    }

    private void check(Path file) {
        if (!FORMAT.equals(format)) {
            throw new ManifestException("manifest " + file + " has format " + format + ", expected " + FORMAT);
        }
        if (images.isEmpty()) {
            throw new ManifestException("manifest " + file + " lists no images");
        }
        Set<String> names = new HashSet<>();
        for (ManifestImage image : images) {
            String where = "manifest " + file + ", image " + image.name();
            if (image.name() == null || image.name().isBlank() || !names.add(image.name())) {
                throw new ManifestException(where + ": every image needs a name of its own");
            }
            if (image.path() == null || image.path().isBlank()) {
                throw new ManifestException(where + ": no path");
            }
            if (image.count() <= 0) {
                throw new ManifestException(where + ": count " + image.count() + " is not positive");
            }
            if (image.exemplars().isEmpty() || image.exemplars().size() > 3) {
                throw new ManifestException(where + ": " + image.exemplars().size()
                        + " exemplar boxes, expected 1 to 3");
            }
            if (!ManifestImage.COMPOSITE.equals(image.kind()) && !ManifestImage.PHOTO.equals(image.kind())) {
                throw new ManifestException(where + ": kind " + image.kind() + " is neither "
                        + ManifestImage.COMPOSITE + " nor " + ManifestImage.PHOTO);
            }
        }
    }
}
