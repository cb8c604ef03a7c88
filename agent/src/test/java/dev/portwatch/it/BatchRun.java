package dev.portwatch.it;

import java.nio.file.Path;
import java.util.List;

/** One run of {@link SocketScenario} {@code batch} to its end: what the application printed and its exit code. */
record BatchRun(int exitCode, List<String> stdout, List<String> stderr) {

    /** Runs the batch scenario on {@code jdk}; {@code agentOptions} null means without the agent. */
    static BatchRun of(Path jdk, List<String> jvmArgs, String agentOptions) throws Exception {
        try (AgentJvm jvm = AgentJvm.start(jdk, jvmArgs, null, agentOptions, SocketScenario.class.getName(),
                "batch")) {
            int exitCode = jvm.waitFor();
            return new BatchRun(exitCode, jvm.stdoutLines(), jvm.stderr());
        }
    }

    /** The agent's lines on stderr. */
    List<String> agentLines() {
        return stderr.stream().filter(line -> line.startsWith("portwatch:")).toList();
    }

    /** Everything else on stderr: the application's (and the JVM's) own lines. */
    List<String> stderrWithoutAgentLines() {
        return stderr.stream().filter(line -> !line.startsWith("portwatch:")).toList();
    }
}
