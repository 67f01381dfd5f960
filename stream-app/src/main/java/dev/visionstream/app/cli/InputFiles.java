package dev.visionstream.app.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Reads the files a command is given so that any failure becomes a {@link BadInputException} naming the option and
 * the file: {@code --cameras cams.json: no such file}. Parsers rarely know which option their file came from.
 */
final class InputFiles {
    /** A parser of one file; it may throw whatever its library throws. */
    @FunctionalInterface
    interface Reader<T> {
        T read(Path file) throws Exception;
    }

    private InputFiles() {
    }

    /** {@code option} may be null for a positional parameter, which is then named by its path alone. */
    static <T> T read(String option, Path file, Reader<T> reader) {
        String input = name(option, file);
        if (!Files.exists(file)) {
            throw new BadInputException(input, "no such file");
        }
        try {
            return reader.read(file);
        } catch (BadInputException e) {
            throw e;
        } catch (Exception e) {
            Optional<String> problem = InputProblems.describe(e);
            if (problem.isPresent()) {
                throw new BadInputException(input, withoutPath(problem.get(), file), e);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            // a checked exception of a parser (an IOException, a model loader's own) is about this file
            throw new BadInputException(input, "cannot read: " + withoutPath(String.valueOf(e.getMessage()), file), e);
        }
    }

    /** A picture ImageIO can decode (PNG, JPEG, BMP, GIF...). */
    static BufferedImage image(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(name(option, file), "is a folder, not a picture");
        }
        BufferedImage image = read(option, file, f -> ImageIO.read(f.toFile()));
        if (image == null) {
            throw new BadInputException(name(option, file),
                    "not a picture this program can read (PNG, JPEG, BMP, GIF)");
        }
        return image;
    }

    static String name(String option, Path file) {
        return option == null ? file.toString() : option + " " + file;
    }

    /** The input is named once, in front: a parser's own copy of the path only repeats it. */
    private static String withoutPath(String problem, Path file) {
        String prefix = file + ": ";
        return problem.startsWith(prefix) ? problem.substring(prefix.length()) : problem;
    }
}
