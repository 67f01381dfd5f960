package dev.visionstream.app.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.visionstream.ingest.recording.CorruptSegmentException;
import dev.visionstream.models.counting.BackboneContractException;
import dev.visionstream.models.counting.evaluation.ManifestException;
import dev.visionstream.models.inpainting.InpaintInputException;
import dev.visionstream.models.inpainting.RnWeightsException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Optional;

/**
 * Which exceptions mean "the input is wrong" rather than "the program is wrong", and how to say what is wrong in
 * words. The one list both {@link FailureReporter} and {@link InputFiles} go by.
 */
final class InputProblems {
    private InputProblems() {
    }

    /** What is wrong with the input, or empty when {@code e} is not an input problem. */
    static Optional<String> describe(Throwable e) {
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause()).map(cause -> u.getMessage().equals(u.getCause().toString()) ? cause
                    : u.getMessage() + ": " + cause);
        }
        if (e instanceof NoSuchFileException f) {
            return Optional.of(f.getFile() + ": no such file or directory");
        }
        if (e instanceof AccessDeniedException f) {
            return Optional.of(f.getFile() + ": permission denied");
        }
        if (e instanceof FileAlreadyExistsException f) {
            return Optional.of(f.getFile() + ": already exists"
                    + (f.getReason() == null ? "" : " (" + f.getReason() + ")"));
        }
        if (e instanceof NotDirectoryException f) {
            return Optional.of(f.getFile() + ": not a directory");
        }
        if (e instanceof FileSystemException f) {
            return Optional.of(f.getFile() + ": " + (f.getReason() == null ? "cannot be used" : f.getReason()));
        }
        if (e instanceof JsonProcessingException j) {
            JsonLocation at = j.getLocation();
            return Optional.of("not valid JSON: " + j.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (e instanceof NumberFormatException n) {
            // the JDK says 'For input string: "nan"'; the value is what the user needs to find
            String message = n.getMessage() == null ? "" : n.getMessage().replace("For input string: ", "");
            return Optional.of("not a number: " + message);
        }
        if (e instanceof IllegalArgumentException || e instanceof CorruptSegmentException
                || e instanceof ManifestException || e instanceof BackboneContractException
                || e instanceof InpaintInputException || e instanceof RnWeightsException) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
        return Optional.empty();
    }
}
