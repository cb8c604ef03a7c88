package dev.portwatch.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What a test attaches to a failure that looks like a hang: the stacks of every thread of the JVM, by jcmd. */
final class Diagnostics {

    private Diagnostics() {}

    /** {@code jcmd <pid> Thread.print} with the JDK the JVM runs on; a missing jcmd fails rather than hides. */
    static String threadDump(Path jdk, long pid) {
        Path jcmd = jdk.resolve("bin/jcmd");
        if (!Files.isExecutable(jcmd)) {
            throw new AssertionError("jcmd missing: " + jcmd + " (a full JDK is needed for thread dumps)");
        }
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                    .redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "jcmd did not answer within 30 s";
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException | InterruptedException e) {
            return "jcmd failed: " + e;
        }
    }

    /** Runs {@code command} on {@code jvm}; if it does not answer in time, fails with a thread dump of the JVM. */
    static String commandOrDump(AgentJvm jvm, Path jdk, String command, long timeoutSeconds) throws Exception {
        try {
            return jvm.command(command, timeoutSeconds);
        } catch (AssertionError stuck) {
            throw new AssertionError(stuck.getMessage() + "\n" + threadDump(jdk, jvm.pid()), stuck);
        }
    }
}
