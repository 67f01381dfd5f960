package dev.visionstream.app.cli;

import picocli.CommandLine.Option;

/** Where the web console listens, or that there is none. */
final class ConsoleOptions {
    static final int DEFAULT_PORT = 8686;

    @Option(names = "--ui-port", defaultValue = "" + DEFAULT_PORT, paramLabel = "PORT",
            description = "Port of the read-only web console; 0 = any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--ui-bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address the console listens on; only this machine by default (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--no-ui", description = "Serve no web console.")
    boolean disabled;

    void check() {
        if (port < 0 || port > 65_535) {
            throw new BadInputException("--ui-port " + port, "must be 0 to 65535");
        }
        if (bind == null || bind.isBlank()) {
            throw new BadInputException("--ui-bind", "must name an address");
        }
    }
}
