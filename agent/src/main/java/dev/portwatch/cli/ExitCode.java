package dev.portwatch.cli;

/** The CLI's exit codes, each a distinct cause a script can act on (documented in README.md). */
enum ExitCode {
    OK(0),
    USAGE(2),
    NO_SUCH_PROCESS(3),
    NOT_A_JVM(4),
    ATTACH_REFUSED(5),
    NO_ATTACH_MODULE(6),
    AGENT_FAILED(7),
    ENDPOINT_UNREACHABLE(8),
    OTHER_USER(9),
    UNTRUSTED_ENDPOINT(10);

    final int code;

    ExitCode(int code) {
        this.code = code;
    }
}
