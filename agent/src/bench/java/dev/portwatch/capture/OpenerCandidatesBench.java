package dev.portwatch.capture;

import dev.portwatch.bench.Caller;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the opener's capture on the application's thread could cost instead of {@link CallSites#current}, in the
 * calling thread's CPU time (for a shared machine), from under 8 frames of this package (about a connect's frames
 * of the bridge, capture and table) and with 0, 100 or 200 more frames below the caller. Candidates:
 * {@code new Throwable()} (the VM records the whole stack; names and lines would be resolved when the table is read,
 * timed as {@code throwable+resolve}), {@link RecordedSites#current} (what the agent does: a recorded stack read
 * for a place whose opener the walk found before, a walk where stacks are deep), and on JDK 22 and later a walk
 * with {@code DROP_METHOD_INFO} (classes only: no method name or line, so it could not name the opener by itself).
 * {@code RecordedSites.current (always recorded)} is the same with the deep-stack rule off: where it costs less than
 * the walk, recording pays. Run with
 * {@code java -cp agent/target/bench/portwatch-benchmarks.jar dev.portwatch.capture.OpenerCandidatesBench [depths]}
 * (frames below the caller; default 0 100 200).
 */
public final class OpenerCandidatesBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 11;
    private static final int PER_ROUND = 20_000;
    private static final int AGENT_FRAMES = 7;

    private static Object sink;

    private OpenerCandidatesBench() {}

    public static void main(String[] args) {
        Map<String, Supplier<Object>> candidates = new LinkedHashMap<>();
        CallSites callSites = new CallSites(false);
        candidates.put("CallSites.current (StackWalker)", () -> callSites.current("Socket"));
        RecordedSites recorded = new RecordedSites(new CallSites(false), false);
        CallSites.WalkDepth depth = new CallSites.WalkDepth();
        candidates.put("RecordedSites.current (place known)", () -> recorded.current("Socket", depth,
                recorded.records(depth) ? new Throwable() : null));
        RecordedSites alwaysRecorded = new RecordedSites(new CallSites(false), false);
        CallSites.WalkDepth forced = new CallSites.WalkDepth();
        candidates.put("RecordedSites.current (always recorded)", () -> {
            forced.recorded(0); // no walks owed: this socket's stack is recorded, however deep
            return alwaysRecorded.current("Socket", forced, new Throwable());
        });
        candidates.put("new Throwable()", Throwable::new);
        candidates.put("new Throwable() + getStackTrace()", () -> new Throwable().getStackTrace());
        StackWalker classesOnly = classesOnlyWalker();
        if (classesOnly != null) {
            candidates.put("StackWalker DROP_METHOD_INFO", () -> classesOnly.walk(frames -> frames
                    .filter(frame -> !frame.getDeclaringClass().getName().startsWith("dev.portwatch.capture."))
                    .findFirst().orElse(null)));
        }
        int[] depths = args.length == 0 ? new int[] {0, 100, 200}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int below : depths) {
            for (Map.Entry<String, Supplier<Object>> candidate : candidates.entrySet()) {
                double[] nanos = Caller.below(below, () -> measure(candidate.getValue()));
                System.out.printf("%-40s %3d frames below: median %7.0f ns  fastest %7.0f ns (CPU time)%n",
                        candidate.getKey(), below, nanos[ROUNDS / 2], nanos[0]);
            }
        }
    }

    private static double[] measure(Supplier<Object> candidate) {
        for (int i = 0; i < PER_ROUND * 3; i++) {
            sink = underAgentFrames(AGENT_FRAMES, candidate);
        }
        double[] nanos = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < PER_ROUND; i++) {
                sink = underAgentFrames(AGENT_FRAMES, candidate);
            }
            nanos[round] = (THREADS.getCurrentThreadCpuTime() - start) / (double) PER_ROUND;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static Object underAgentFrames(int frames, Supplier<Object> candidate) {
        return frames == 0 ? candidate.get() : underAgentFrames(frames - 1, candidate);
    }

    private static StackWalker classesOnlyWalker() {
        try {
            StackWalker.Option drop = StackWalker.Option.valueOf("DROP_METHOD_INFO");
            return StackWalker.getInstance(Set.of(drop, StackWalker.Option.RETAIN_CLASS_REFERENCE));
        } catch (IllegalArgumentException olderJdk) {
            return null;
        }
    }
}
