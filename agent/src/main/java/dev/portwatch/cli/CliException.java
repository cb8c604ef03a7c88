package dev.portwatch.cli;

/** Ends the CLI with one line on stderr and a distinct exit code. */
final class CliException extends Exception {

    private static final long serialVersionUID = 1L;

    final ExitCode exitCode;

    CliException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }
}
