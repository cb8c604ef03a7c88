package dev.portwatch.cli;

/** The CLI's exit codes, each a distinct cause a script can act on (docs/how-it-works.md, "Exit codes"). */
enum ExitCode {
    OK(0),
    /** An unknown command, flag or option, a missing or malformed pid, or an argument too many. */
    USAGE(2),
    NO_SUCH_PROCESS(3),
    NOT_A_JVM(4),
    ATTACH_REFUSED(5),
    NO_ATTACH_MODULE(6),
    /** The agent could not be loaded, or its endpoint did not start (on the port asked for, or at all). */
    AGENT_FAILED(7),
    ENDPOINT_UNREACHABLE(8),
    OTHER_USER(9),
    UNTRUSTED_ENDPOINT(10);

    final int code;

    ExitCode(int code) {
        this.code = code;
    }
}
