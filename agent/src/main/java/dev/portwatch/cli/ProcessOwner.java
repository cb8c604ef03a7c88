package dev.portwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process belongs to the user running the CLI: the owner of its {@code /proc/<pid>} against the owner of
 * {@code /proc/self}. The CLI attaches only to its own user's JVMs, also when run as root: loading an agent into
 * another user's JVM runs code as that user, and what such a JVM says cannot be trusted.
 */
final class ProcessOwner {

    private static final Path PROC = Path.of("/proc");

    private ProcessOwner() {}

    static void requireSameUser(long pid) throws CliException {
        if (!Files.isDirectory(PROC.resolve("self"))) {
            return; // no /proc: the attach API's own checks are all there is
        }
        Object mine = uid(PROC.resolve("self"));
        Object theirs = uid(PROC.resolve(Long.toString(pid)));
        if (mine == null || !mine.equals(theirs)) {
            throw new CliException(ExitCode.OTHER_USER, "JVM " + pid + " belongs to another user (uid " + theirs
                    + ", this CLI runs as uid " + mine + "); run the CLI as that user");
        }
    }

    private static Object uid(Path process) {
        try {
            return Files.getAttribute(process, "unix:uid");
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
