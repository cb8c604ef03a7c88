package dev.portwatch.bench;

import java.lang.instrument.Instrumentation;

/**
 * An agent that does nothing: what any {@code -javaagent} costs a JVM's start-up before the agent's own code runs
 * (the module graph is no longer taken from the CDS archive, the jar is opened, {@code java.instrument} is loaded).
 * {@code docs/bench/startup-ab.sh} packs it as the {@code noop-agent} configuration when {@code NOOP_AGENT=1}.
 */
public final class NoopAgent {

    private NoopAgent() {}

    public static void premain(String arguments, Instrumentation instrumentation) {
        // nothing: the floor under every agent
    }
}
