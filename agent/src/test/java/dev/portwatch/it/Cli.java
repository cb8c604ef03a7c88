package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar portwatch-agent.jar ...} on a JDK and captures its exit code and output. */
record Cli(int exitCode, String stdout, String stderr) {

    static Cli run(Path jdk, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        return run(jdk, jvmOptions, Map.of(), args);
    }

    /** Runs the CLI with {@code environment} added to (or, for an empty value, removed from) its environment. */
    static Cli run(Path jdk, List<String> jvmOptions, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(jdk.resolve("bin/java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(Jdks.agentJar().toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the CLI did not finish within 60 s: " + command);
        }
        return new Cli(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static Cli run(Path jdk, String... args) throws IOException, InterruptedException {
        return run(jdk, List.of(), args);
    }
}
