package dev.visionstream.models.counting.evaluation;

import java.nio.file.Path;

/**
 * A wallpaper photograph that scenes are cut from.
 *
 * @param pkg   the Debian package
 * @param file  the file as the package installs it
 * @param path  where it was fetched
 * @param split train or held out, drawn from the file name like the cut-out classes
 */
public record BackgroundPhoto(String pkg, String file, Path path, DatasetSplit split) {
}
