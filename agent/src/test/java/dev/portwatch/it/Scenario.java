package dev.portwatch.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The base of every scenario: a program a test runs in a JVM of its own ({@link AgentJvm}), with or without the
 * agent, and drives through a line protocol. A scenario registers its commands in its constructor and its
 * {@code main} calls {@link #serve()}:
 * <ol>
 *   <li>with the agent, it first waits until the agent has published its endpoint or said that the endpoint failed
 *       ({@link #awaitAgentEndpoint()}), so the agent's lines about it are out before the scenario does anything;</li>
 *   <li>{@link #prepare()} opens what the scenario holds from the start, then it prints
 *       {@code OK ready pid=<pid>} and the fields {@code prepare} returned ({@code listener=41234 ...}), which
 *       {@link AgentJvm#awaitReady()} reads;</li>
 *   <li>then it reads commands from stdin, one a line: a name and arguments separated by spaces. A command may
 *       print {@code REPORT ...} lines ({@link #report}), then it answers {@code OK <command line>} followed by
 *       its answer if it has one ({@code OK churn 10 32 ops=1234}); an unknown command is answered
 *       {@code ERR unknown command ...} and one that throws {@code ERR <command line>: <exception>}, which fails
 *       the test waiting for it; {@code exit} answers {@code OK exit} and exits with 0.</li>
 * </ol>
 * Scenario JVMs run on the test classes alone: nothing here or in a scenario may use JUnit.
 */
abstract class Scenario {

    /** A command that answers something after {@code OK <command line>}: its arguments are the words after the name. */
    @FunctionalInterface
    interface Command {
        Object run(String... args) throws Exception;
    }

    /** A command that only does something: its answer is {@code OK <command line>}. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /** The IPv4 loopback address, on which scenarios open their sockets. */
    protected static final InetAddress V4 = InetAddress.getLoopbackAddress();

    private static final long SETTLE_TIMEOUT_NANOS = 30_000_000_000L;

    private final Map<String, Command> commands = new LinkedHashMap<>();

    /** Registers a command that answers something. */
    protected final void on(String name, Command command) {
        commands.put(name, command);
    }

    /** Registers a command that only does something. */
    protected final void on(String name, Action action) {
        commands.put(name, args -> {
            action.run();
            return "";
        });
    }

    /**
     * Opens what the scenario holds from the start, before {@code OK ready}; returns the fields that line adds after
     * the pid, as {@code name=value} words separated by spaces (none by default).
     */
    protected String prepare() throws Exception {
        return "";
    }

    /** Prints a {@code REPORT} line: what a test compares between runs (with and without the agent, say). */
    protected static void report(String line) {
        System.out.println("REPORT " + line);
    }

    /** Runs the protocol: settles with the agent, prepares, says it is ready, then obeys stdin until exit or EOF. */
    protected final void serve() throws Exception {
        awaitAgentEndpoint();
        String fields = prepare();
        System.out.println("OK ready pid=" + ProcessHandle.current().pid() + (fields.isEmpty() ? "" : " " + fields));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.trim().split("\\s+");
            if (words[0].equals("exit")) {
                System.out.println("OK exit");
                System.exit(0);
            }
            Command command = commands.get(words[0]);
            if (command == null) {
                System.out.println("ERR unknown command " + line);
                continue;
            }
            try {
                String answer = String.valueOf(command.run(Arrays.copyOfRange(words, 1, words.length)));
                System.out.println("OK " + line.trim() + (answer.isEmpty() ? "" : " " + answer));
            } catch (Exception e) {
                System.out.println("ERR " + line.trim() + ": " + e + whereInTheScenario(e));
            }
        }
    }

    private static String whereInTheScenario(Exception e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith(Scenario.class.getPackageName() + ".")) {
                return " at " + frame;
            }
        }
        return "";
    }

    /**
     * With the agent, waits (30 s at most) until it has published its endpoint ({@code portwatch.endpoint}) or said
     * that the endpoint failed ({@code portwatch.status}): the agent starts its endpoint in the background, and a
     * short program could otherwise exit before the agent has said how that went. Without the agent it returns at
     * once and changes nothing.
     */
    static void awaitAgentEndpoint() throws InterruptedException {
        if (System.getProperty("portwatch.status") == null) {
            return;
        }
        long deadline = System.nanoTime() + SETTLE_TIMEOUT_NANOS;
        while (!agentSettled() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static boolean agentSettled() {
        // No status any more: the agent said "starting" in premain, then did not start (off, or a bad option).
        return System.getProperty("portwatch.endpoint") != null || System.getProperty("portwatch.status") == null
                || System.getProperty("portwatch.status", "").startsWith("endpoint failed");
    }
}
