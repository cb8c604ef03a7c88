package dev.portwatch.capture;

import dev.portwatch.table.Opener;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Finds, on the current thread's stack, the public socket API an application called and the first application
 * frame that called it. One lazy stack walk per opened socket; the walk stops at the first application frame unless
 * full stacks are switched on. The rows opened at one place share its opener ({@link SiteOpeners}). A stack of JDK
 * code alone (a program such as {@code jwebserver}, a JDK server's or client's own threads) is walked to its end,
 * and the outermost frame outside {@code java.base} names the opener
 * ({@code sun.net.httpserver.ServerImpl$Dispatcher.run}): the module that did it, where java.base's frames
 * ({@code Thread.run}, the socket classes) would say nothing.
 */
final class CallSites {

    private static final int MAX_STACK_FRAMES = 32;
    /**
     * Frames the walker fetches in its first trip into the VM when nothing was learned yet. A connect's opener is
     * looked for under 6 frames of the agent's own (bridge, capture, table), so the JDK's default batch (8) makes
     * that walk take a second trip, while a larger batch fills frames no walk reads: CaptureBench.connectThenClose
     * took 3.3 µs with 8, 2.7 µs with 16 and 2.3 µs with 10 (docs/benchmarks.md).
     */
    static final int FIRST_BATCH_FRAMES = 10;
    /** The largest first batch learned: beyond it a walk goes to a thread's bottom, and its batches grow anyway. */
    static final int MAX_FIRST_BATCH_FRAMES = 64;
    /**
     * Slots at the head of the walker's buffer that hold no frame (2 on JDK 17, 1 on JDK 25): a walk that reads n
     * frames in one trip needs a first batch of n + 2 on JDK 17 (measured: 8 frames with 10, 11 frames with 13).
     */
    private static final int RESERVED_SLOTS = 2;

    /**
     * A walker per first-batch size, made when first needed. Each trip into the VM fills every frame of its batch
     * (on JDK 17 a {@code StackFrameInfo} and a {@code MemberName} each, ~70 B), and a second trip allocates the
     * next batch again: a walk that needs one frame more than its batch costs twice as much.
     */
    private final StackWalker[] walkers = new StackWalker[MAX_FIRST_BATCH_FRAMES + 1];
    private final WalkDepth defaultDepth = new WalkDepth();
    private final boolean fullStacks;
    /** Openers shared per call site; not used with full stacks, where two rows of one site differ below it. */
    private final SiteOpeners sites = new SiteOpeners();

    CallSites(boolean fullStacks) {
        this.fullStacks = fullStacks;
    }

    /**
     * The first batch that fits the walks from one place (a funnel's connects, a funnel's accepts): the same call
     * path walks as deep the next time. It grows at once to a deeper walk, and shrinks only after
     * {@link #SHRINK_AFTER} shallower walks in a row: where two call paths alternate, the deeper one keeps its one
     * trip into the VM, and the shallower fills a few frames more. Written and read without synchronization: a
     * value from another thread's walk is as good a guess.
     */
    static final class WalkDepth {
        static final int SHRINK_AFTER = 16;
        /**
         * A recorded stack ({@link RecordedSites}) costs by its whole depth, a walk by the frames above the opener:
         * past {@value #DEEP_CHUNKS} chunks of {@value Backtraces#CHUNK} frames a walk is the cheaper, so the next
         * {@value #WALKS_WHEN_DEEP} sockets from the same place are walked for before a stack is recorded again.
         * Measured (OpenerCandidatesBench, JDK 17): recording ~1.0 µs plus ~53 ns a frame, the walk ~3.9 µs.
         */
        static final int DEEP_CHUNKS = 2;
        static final int WALKS_WHEN_DEEP = 63;
        private int frames = FIRST_BATCH_FRAMES;
        private int shallower;
        private int walksLeft;

        /** Whether to record the stack for this socket (else walk for it): not while deep stacks were recorded. */
        boolean recordStack() {
            if (walksLeft > 0) {
                walksLeft--;
                return false;
            }
            return true;
        }

        /** A stack of {@code chunks} chunks was recorded. */
        void recorded(int chunks) {
            walksLeft = chunks > DEEP_CHUNKS ? WALKS_WHEN_DEEP : 0;
        }

        int frames() {
            return frames;
        }

        void walked(int read) {
            int needed = Math.min(read + RESERVED_SLOTS, MAX_FIRST_BATCH_FRAMES);
            if (needed >= frames) {
                frames = needed;
                shallower = 0;
            } else if (++shallower >= SHRINK_AFTER) {
                frames = needed;
                shallower = 0;
            }
        }
    }

    /** The opener of a socket whose events come through the given default API (used when no frame names one). */
    Opener current(String defaultApi) {
        return current(defaultApi, defaultDepth);
    }

    /** As {@link #current(String)}, the walk's first batch sized by what the walks from {@code depth} read. */
    Opener current(String defaultApi, WalkDepth depth) {
        return walker(depth.frames).walk(new Walk(defaultApi, depth));
    }

    /**
     * One walk of the stack. A class rather than a lambda: the first socket of a JVM walks it, and a lambda there
     * costs the JDK spinning its class (and the method handle forms behind it) on the application's thread.
     */
    private final class Walk implements Function<Stream<StackWalker.StackFrame>, Opener> {
        private final String defaultApi;
        private final WalkDepth depth;

        Walk(String defaultApi, WalkDepth depth) {
            this.defaultApi = defaultApi;
            this.depth = depth;
        }

        @Override
        public Opener apply(Stream<StackWalker.StackFrame> frames) {
            String api = defaultApi;
            StackWalker.StackFrame first = null;
            StackWalker.StackFrame outermostJdk = null;
            List<StackWalker.StackFrame> stack = fullStacks ? new ArrayList<>() : List.of();
            int read = 0;
            for (Iterator<StackWalker.StackFrame> each = frames.iterator(); each.hasNext(); ) {
                StackWalker.StackFrame frame = each.next();
                read++;
                FrameKinds.Kind kind = FrameKinds.of(frame.getDeclaringClass());
                if (kind.role == FrameKinds.Role.AGENT) {
                    continue;
                }
                if (first == null && kind.role == FrameKinds.Role.JDK) {
                    api = kind.api != null ? kind.api : api;
                    if (kind.outsideJavaBase) {
                        outermostJdk = frame;
                    }
                    continue;
                }
                if (first == null && kind.role == FrameKinds.Role.LIBRARY_FUNNEL) {
                    continue;
                }
                if (first == null) {
                    first = frame;
                }
                if (!fullStacks) {
                    break;
                }
                if (stack.size() < MAX_STACK_FRAMES) {
                    stack.add(frame);
                }
            }
            depth.walked(read);
            if (first != null) {
                return fullStacks ? new Opener(api, first, List.copyOf(stack), Opener.Kind.APPLICATION)
                        : sites.at(first, api, Opener.Kind.APPLICATION);
            }
            return outermostJdk != null ? sites.at(outermostJdk, api, Opener.Kind.JDK) : sites.threadOnly(api);
        }
    }

    /** Class references are kept by the frames anyway: retaining them only lets the walk read a frame's module. */
    private StackWalker walker(int firstBatchFrames) {
        int size = Math.max(1, Math.min(firstBatchFrames, MAX_FIRST_BATCH_FRAMES));
        StackWalker walker = walkers[size];
        if (walker == null) { // a race makes two equal walkers, and keeps either
            walker = StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE), size);
            walkers[size] = walker;
        }
        return walker;
    }
}
