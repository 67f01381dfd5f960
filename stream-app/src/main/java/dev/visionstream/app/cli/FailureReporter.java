package dev.visionstream.app.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How every {@code vision} command fails: one line on stderr, {@code vision <command>: <input>: <what is wrong>},
 * and exit code 2 for bad input (a usage error included); {@code vision <command>: internal error: ...} and exit
 * code 1 for anything else. The Java stack trace follows only with {@value #VERBOSE}.
 */
final class FailureReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final String VERBOSE = "--verbose";

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        // picocli's default prints the whole usage; one line and where to look keeps the error visible
        err.println(prefix(command) + withoutClassNames(e.getMessage()) + " (see: "
                + command.getCommandSpec().qualifiedName() + " --help)");
        if (Arrays.asList(args).contains(VERBOSE)) {
            e.printStackTrace(err);
        }
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        Optional<String> problem = InputProblems.describe(e);
        int exitCode;
        if (problem.isPresent()) {
            err.println(prefix(command) + problem.get());
            exitCode = e instanceof BadInputException bad ? bad.exitCode() : BadInputException.EXIT_CODE;
        } else {
            err.println(prefix(command) + "internal error: " + (e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName()) + (verbose(parsed) ? "" : " (" + VERBOSE + " shows where)"));
            exitCode = command.getCommandSpec().exitCodeOnExecutionException();
        }
        if (verbose(parsed)) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    /** Picocli quotes a converter's exception as "(java.time.format.DateTimeParseException: ...)"; keep the words. */
    private static String withoutClassNames(String message) {
        return message.replaceAll("\\((?:[a-z]\\w*\\.)+\\w+(?:Exception|Error): ", "(");
    }

    private static String prefix(CommandLine command) {
        return command.getCommandSpec().qualifiedName() + ": ";
    }

    /** The option is inherited: it counts wherever on the command line it was given. */
    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }
}
