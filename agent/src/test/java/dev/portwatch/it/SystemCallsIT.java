package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The agent makes no system call of its own per socket on the application's thread: a {@code Socket}'s local
 * address comes from the JDK's own read of it, a channel's from the channel. Counted by {@code strace -f -c} on real
 * JVMs running {@code CountedCycles} for two numbers of sockets, with and without the agent: the difference between
 * the two runs of each is what the sockets cost, start-up cancelling out, and the agent's may exceed the JDK's by
 * nothing. The calls watched are those the agent could make per socket (a local address, options, a /proc file);
 * futex, memory and clock calls follow timing and the JIT, not sockets.
 */
class SystemCallsIT {

    private static final String WATCHED = "getsockname,getpeername,getsockopt,setsockopt,fcntl,ioctl,socket,bind,"
            + "connect,accept,accept4,listen,shutdown,close,sendto,recvfrom,openat,read,pread64,lseek,newfstatat,"
            + "fstat,statx";
    private static final int FEW = 1000;
    private static final int MANY = 3000;
    /** Per socket: 0.05 is 100 calls in 2000 sockets, far below one per socket and far above start-up's jitter. */
    private static final double TOLERANCE = 0.05;

    static Stream<String> workloads() {
        // A Socket to a wildcard listener: neither end's local address is known without the kernel or the JDK.
        return Stream.of("tcp-socket-any", "tcp-channel", "udp-socket");
    }

    @EachJdk(with = "workloads")
    void theAgentMakesNoSystemCallPerSocket(Path jdk, String workload) throws Exception {
        Map<String, Double> without = perOp(jdk, false, workload);
        Map<String, Double> with = perOp(jdk, true, workload);
        assertTrue(without.getOrDefault("socket", 0.0) > 0.9, "strace counted no socket per op: " + without);
        List<String> more = new ArrayList<>();
        for (String call : new TreeSet<>(with.keySet())) {
            double added = with.get(call) - without.getOrDefault(call, 0.0);
            if (added > TOLERANCE) {
                more.add(String.format("%s +%.2f (%.2f with the agent, %.2f without)", call, added, with.get(call),
                        without.getOrDefault(call, 0.0)));
            }
        }
        assertEquals(List.of(), more, jdk + " " + workload + ": system calls per socket the agent adds");
    }

    /** The watched calls per op, from two runs under strace. */
    private static Map<String, Double> perOp(Path jdk, boolean agent, String workload) throws Exception {
        Map<String, Long> few = counts(jdk, agent, workload, FEW);
        Map<String, Long> many = counts(jdk, agent, workload, MANY);
        Map<String, Double> perOp = new TreeMap<>();
        for (String call : many.keySet()) {
            perOp.put(call, (many.get(call) - few.getOrDefault(call, 0L)) / (double) (MANY - FEW));
        }
        return perOp;
    }

    private static Map<String, Long> counts(Path jdk, boolean agent, String workload, int ops) throws Exception {
        Path summary = Files.createTempFile("portwatch-strace", ".txt");
        try {
            List<String> command = new ArrayList<>(List.of("strace", "-f", "-qq", "-c", "-o", summary.toString(),
                    "-e", "trace=" + WATCHED, jdk.resolve("bin/java").toString(), "-Xmx256m"));
            if (agent) {
                // No woven classes' cache: both runs start alike (the first would fill it, the second read it).
                command.add("-javaagent:" + Jdks.agentJar().toAbsolutePath() + "=port=0,weaveCache=off");
            }
            command.addAll(List.of("-cp", Jdks.testClasses(), "dev.portwatch.bench.CountedCycles", workload,
                    Integer.toString(ops)));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(jdk + " " + workload + ": the JVM under strace did not end within 180 s");
            }
            assertEquals(0, process.exitValue(), jdk + " " + workload + ": strace or the JVM failed: "
                    + String.join(" ", command));
            return parse(Files.readAllLines(summary));
        } finally {
            Files.deleteIfExists(summary);
        }
    }

    /** strace -c's table: % time, seconds, usecs/call, calls, [errors,] syscall. */
    private static Map<String, Long> parse(List<String> lines) throws IOException {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : lines) {
            String[] words = line.trim().split("\\s+");
            if ((words.length == 5 || words.length == 6) && words[3].matches("\\d+")
                    && !words[words.length - 1].equals("total")) {
                calls.put(words[words.length - 1], Long.parseLong(words[3]));
            }
        }
        assertTrue(calls.containsKey("socket"), "no strace summary: " + lines);
        return calls;
    }
}
