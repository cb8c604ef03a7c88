package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real JVM running a {@link Scenario} (or another main class) with {@code -javaagent:} on the built jar (or
 * without the agent), driven through stdin, its stdout and stderr captured line by line.
 */
final class AgentJvm implements AutoCloseable {

    private static final Pattern ENDPOINT = Pattern.compile("table at (https?://\\S+)/connections");

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> allStdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Thread stdoutPump;
    private final Thread stderrPump;
    final String jdk;

    private AgentJvm(Process process, String jdk) {
        this.process = process;
        this.jdk = jdk;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.stdoutPump = pump(process.getInputStream(), line -> {
            allStdout.add(line);
            stdout.add(line);
        }, "stdout");
        this.stderrPump = pump(process.getErrorStream(), stderr::add, "stderr");
    }

    /** Starts {@code mainClass} on {@code jdk}; {@code agentOptions} null means no agent at all. */
    static AgentJvm start(Path jdk, String agentOptions, String mainClass, String... args) throws IOException {
        return launch(jdk, List.of(), null, agentOptions, Jdks.testClasses(), mainClass, args);
    }

    /** Like {@link #start}, with another class path than the test classes (the demo app's classes, say). */
    static AgentJvm startWithClasspath(Path jdk, String agentOptions, String classpath, String mainClass,
                                       String... args) throws IOException {
        return launch(jdk, List.of(), null, agentOptions, classpath, mainClass, args);
    }

    /** Like {@link #startWithClasspath(Path, String, String, String, String...)}, with extra JVM arguments. */
    static AgentJvm startWithClasspath(Path jdk, List<String> jvmArgs, String agentOptions, String classpath,
                                       String mainClass, String... args) throws IOException {
        return launch(jdk, jvmArgs, null, agentOptions, classpath, mainClass, args);
    }

    /**
     * Starts {@code mainClass} on {@code jdk} with extra JVM arguments; with a {@code shellPrefix} (like
     * {@code ulimit -n 256}) the JVM runs under {@code bash -c 'prefix; exec java ...'}, so the pid is the JVM's.
     */
    static AgentJvm start(Path jdk, List<String> jvmArgs, String shellPrefix, String agentOptions, String mainClass,
                          String... args) throws IOException {
        return launch(jdk, jvmArgs, shellPrefix, agentOptions, Jdks.testClasses(), mainClass, args);
    }

    private static AgentJvm launch(Path jdk, List<String> jvmArgs, String shellPrefix, String agentOptions,
                                   String classpath, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(jdk.resolve("bin/java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmArgs);
        if (agentOptions != null) {
            command.add("-javaagent:" + Jdks.agentJar().toAbsolutePath()
                    + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        }
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(args));
        if (shellPrefix != null) {
            StringBuilder script = new StringBuilder(shellPrefix).append("; exec");
            for (String word : command) {
                script.append(" '").append(word.replace("'", "'\\''")).append('\'');
            }
            command = List.of("bash", "-c", script.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("PORTWATCH_"));
        return new AgentJvm(builder.start(), jdk.getFileName().toString());
    }

    /** {@link SocketScenario} with the agent (endpoint on a free port, closed rows kept 60 s), once it is ready. */
    static AgentJvm scenario(Path jdk) throws IOException, InterruptedException {
        return start(jdk, "port=0,closedRetention=60s", SocketScenario.class.getName()).ready();
    }

    /** Waits for the scenario's {@code OK ready} line and returns this JVM; stops it if it never comes. */
    AgentJvm ready() throws InterruptedException {
        try {
            awaitReady();
        } catch (RuntimeException | Error | InterruptedException e) {
            close();
            throw e;
        }
        return this;
    }

    /**
     * Sends SIGTERM, as a service manager stopping the JVM does, through the process handle: {@link Process#destroy()}
     * would also close the JVM's stdin and stdout, ending the scenario by end of input and losing what it prints.
     */
    void sigterm() {
        process.toHandle().destroy();
    }

    long pid() {
        return process.pid();
    }

    /**
     * Waits for a {@link Scenario}'s {@code OK ready} line; returns its fields by name: {@code pid} and those the
     * scenario adds ({@code listener=41234} gives {@code listener}).
     */
    Map<String, String> awaitReady() throws InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : awaitLine("OK ready ").substring("OK ready ".length()).trim().split(" ")) {
            int equals = field.indexOf('=');
            fields.put(field.substring(0, equals), field.substring(equals + 1));
        }
        return fields;
    }

    /** Sends a command to the scenario and waits for its "OK command" answer, which it returns. */
    String command(String command) throws IOException, InterruptedException {
        return command(command, 30);
    }

    /** {@link #command(String)}, waiting up to {@code timeoutSeconds} for the answer. */
    String command(String command, long timeoutSeconds) throws IOException, InterruptedException {
        stdin.write(command + "\n");
        stdin.flush();
        return awaitLine("OK " + command, timeoutSeconds);
    }

    String awaitLine(String prefix) throws InterruptedException {
        return awaitLine(prefix, 30);
    }

    String awaitLine(String prefix, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            String line = stdout.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line != null && line.startsWith("ERR")) {
                fail(jdk + ": scenario failed: " + line + "\nstderr: " + stderr);
            }
            if (line == null && !process.isAlive()) {
                fail(jdk + ": JVM exited with " + process.exitValue() + " before '" + prefix + "'; stderr: "
                        + stderr);
            }
        }
        fail(jdk + ": no '" + prefix + "' within " + timeoutSeconds + " s; stderr: " + stderr);
        return null;
    }

    /** The endpoint URL the agent announced on stderr, waiting for it to start. */
    String endpoint() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (String line : stderr) {
                Matcher matcher = ENDPOINT.matcher(line);
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
            Thread.sleep(50);
        }
        fail(jdk + ": the agent announced no endpoint; stderr: " + stderr);
        return null;
    }

    /** The port of the agent's endpoint, waiting for it to start. */
    int endpointPort() throws InterruptedException {
        return RawHttp.port(endpoint());
    }

    String get(String path) throws IOException, InterruptedException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + path).toURL().openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(10000);
        assertEquals(200, connection.getResponseCode(), jdk + ": GET " + path);
        try (InputStream body = connection.getInputStream()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The agent's table, {@code /connections.json}, typed. */
    Table table() throws IOException, InterruptedException {
        return Table.parse(get("/connections.json"));
    }

    List<String> stderr() {
        return List.copyOf(stderr);
    }

    /**
     * The first stderr line that contains {@code text}, waiting for it (30 s at most): stdout and stderr are read by
     * two threads, so a line the JVM printed before its {@code OK ready} may still be on its way.
     */
    String stderrLine(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (String line : stderr) {
                if (line.contains(text)) {
                    return line;
                }
            }
            Thread.sleep(20);
        }
        fail(jdk + ": no stderr line with '" + text + "'; stderr: " + stderr);
        return null;
    }

    /** Waits for the JVM to exit and for everything it printed to be read. */
    int waitFor() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            fail(jdk + ": JVM did not exit within 60 s");
        }
        stdoutPump.join(10_000);
        stderrPump.join(10_000);
        return process.exitValue();
    }

    /** Every line the JVM printed on stdout so far, including those {@link #awaitLine} went past. */
    List<String> allStdout() {
        return List.copyOf(allStdout);
    }

    List<String> stdoutLines() {
        return new ArrayList<>(stdout);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Thread pump(InputStream stream, java.util.function.Consumer<String> sink, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException closed) {
                // the process ended
            }
        }, "pump-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
