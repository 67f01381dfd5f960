package dev.visionstream.app.cli;

/**
 * Input a command cannot use: a missing or malformed file, a bad option value, a bad config. Its message is
 * {@code <input>: <what is wrong>}, the line {@link FailureReporter} prints; the exit code is 2 unless a command
 * documents another one.
 */
public final class BadInputException extends IllegalArgumentException {
    public static final int EXIT_CODE = 2;

    private final int exitCode;

    /**
     * @param input   the option, file or value at fault, as the user would recognise it (e.g. {@code --bvh x.bvh})
     * @param problem what is wrong with it
     */
    public BadInputException(String input, String problem) {
        this(input, problem, null, EXIT_CODE);
    }

    public BadInputException(String input, String problem, Throwable cause) {
        this(input, problem, cause, EXIT_CODE);
    }

    BadInputException(String input, String problem, Throwable cause, int exitCode) {
        super(input + ": " + problem, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
