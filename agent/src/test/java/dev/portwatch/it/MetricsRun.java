package dev.portwatch.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A JVM with the agent running {@link MetricsScenario} after its {@code open}, {@code close} and {@code errors}
 * commands: the state every metrics test scrapes.
 */
final class MetricsRun implements AutoCloseable {

    final AgentJvm jvm;
    final int listenerPort;
    final int udpPort;
    final int closedPort;
    /** The scenario JVM's {@code java.version}. */
    final String javaVersion;

    private MetricsRun(AgentJvm jvm, Map<String, String> ready) {
        this.jvm = jvm;
        this.listenerPort = Integer.parseInt(ready.get("listener"));
        this.udpPort = Integer.parseInt(ready.get("udp"));
        this.closedPort = Integer.parseInt(ready.get("closed"));
        this.javaVersion = ready.get("java");
    }

    /** Starts the scenario with the agent on {@code agentOptions} and runs every command but exit. */
    static MetricsRun start(Path jdk, String agentOptions) throws IOException, InterruptedException {
        MetricsRun run = startIdle(jdk, agentOptions);
        try {
            run.play();
            return run;
        } catch (RuntimeException | Error | IOException | InterruptedException e) {
            run.close();
            throw e;
        }
    }

    /** Starts the scenario with the agent on {@code agentOptions}, its sockets not opened yet: see {@link #play}. */
    static MetricsRun startIdle(Path jdk, String agentOptions) throws IOException, InterruptedException {
        AgentJvm jvm = AgentJvm.start(jdk, agentOptions, MetricsScenario.class.getName());
        try {
            return new MetricsRun(jvm, jvm.awaitReady());
        } catch (RuntimeException | Error | InterruptedException e) {
            jvm.close();
            throw e;
        }
    }

    /** Runs the scenario's commands but exit: its connections, closes and errors. */
    void play() throws IOException, InterruptedException {
        jvm.command("open");
        jvm.command("close");
        jvm.command("errors");
    }

    static MetricsRun start(Path jdk) throws IOException, InterruptedException {
        return start(jdk, "port=0");
    }

    String endpoint() throws InterruptedException {
        return jvm.endpoint();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
