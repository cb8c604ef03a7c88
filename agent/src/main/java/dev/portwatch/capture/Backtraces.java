package dev.portwatch.capture;

import java.util.function.Function;

/**
 * The current thread's stack as the VM records it for a {@code new Throwable()}: its backtrace, read without
 * building a {@code StackTraceElement} or a {@code StackWalker} frame. Recording is a single trip into the VM that
 * fills a few arrays per 32 frames (~0.6 KB), where a stack walk fills a frame object and a {@code MemberName} per
 * frame and resolves each frame's class name; names and line numbers are never made here.
 *
 * <p>HotSpot's backtrace is an {@code Object[]} chunk per 32 frames: the methods' ids ({@code short[]}), each
 * frame's bytecode index and the method's version ({@code int[]}, index in the high half), the classes
 * ({@code Object[]}), the names ({@code long[]}), on JDK 19 and later the continuations, then the next chunk and a
 * flag. The field is read through the JDK's internal {@code Unsafe} ({@link UnsafeReferences}). A self-test when
 * the agent's thread asks ({@link #check}) checks the layout against {@code getStackTrace()} across two chunks; on a
 * JDK whose backtrace looks otherwise, or without that access, {@link #available()} is false and openers are found
 * by the stack walk alone, as before. Until that check has run, too: a socket opened before (on {@code main}'s first
 * line) is walked for, as the first socket of each place is anyway, and its thread pays for no self-test.
 */
final class Backtraces {

    static final int CHUNK = 32;
    private static final int METHODS = 0;
    private static final int BCIS = 1;
    private static final int CLASSES = 2;
    private static final int SELF_TEST_DEPTH = CHUNK + 8;

    /**
     * The layout, read when {@link #check} first runs: a holder, so that {@link #available} asked before (by a socket
     * opened first) initialises nothing.
     */
    private static final class Layout {
        /** Reads a {@code Throwable}'s backtrace; null when backtraces cannot be read. */
        static final Function<Object, Object> READ;
        /** Where a chunk holds the next one: second to last (the flag is last). */
        static final int NEXT;

        static {
            Function<Object, Object> read = null;
            int next = -1;
            try {
                if (Throwable.class.getDeclaredField("backtrace").getType() != Object.class) {
                    throw new NoSuchFieldException("Throwable.backtrace");
                }
                read = UnsafeReferences.field(Throwable.class, "backtrace");
                next = read.apply(new Throwable()) instanceof Object[] chunk ? chunk.length - 2 : -1;
            } catch (Throwable unavailable) {
                read = null; // not this JDK's layout, or no access
            }
            READ = read;
            NEXT = next;
        }

        private Layout() {}
    }

    /** Whether the self-test passed: null until it ran, once, when {@link #check} first asked. */
    private static volatile Boolean available;

    private Backtraces() {}

    /** Whether backtraces can be read on this JDK: false until {@link #check} has run the self-test. */
    static boolean available() {
        Boolean known = available;
        return known != null && known;
    }

    /**
     * Runs the self-test unless it ran, on the calling thread (the agent's own, once the capture may be needed):
     * from then on {@link #available} answers. Whether backtraces can be read.
     */
    static boolean check() {
        Boolean known = available;
        if (known == null) {
            known = Layout.READ != null && Layout.NEXT > CLASSES && selfTest();
            available = known;
        }
        return known;
    }

    /**
     * The backtrace of {@code recorded}, its first chunk; null when it cannot be read. Callers check available().
     * The caller makes the {@code Throwable}, as close to the application's frames as it can: the VM records every
     * frame above them too, each at a cost.
     */
    static Object[] of(Throwable recorded) {
        try {
            Object head = Layout.READ.apply(recorded);
            return head instanceof Object[] chunk && chunk.length == Layout.NEXT + 2 ? chunk : null;
        } catch (Throwable unexpected) {
            return null;
        }
    }

    /** The class of frame {@code index} of a chunk, or null past the stack's last frame. */
    static Class<?> frameClass(Object[] chunk, int index) {
        return chunk[CLASSES] instanceof Object[] classes && classes[index] instanceof Class<?> type ? type : null;
    }

    /**
     * The frame's place: the method's id within its class and its version in the high half, the bytecode index and
     * the method's version in the low half. Equal for two frames of one class exactly when they are the same place
     * in the same method (as the VM resolves it to a name and line).
     */
    static long place(Object[] chunk, int index) {
        short method = ((short[]) chunk[METHODS])[index];
        int bciAndVersion = ((int[]) chunk[BCIS])[index];
        return (long) (method & 0xffff) << 32 | (bciAndVersion & 0xffffffffL);
    }

    /** The bytecode index of a place. */
    static int bci(long place) {
        return (int) (place >>> 16) & 0xffff;
    }

    /** How many chunks a backtrace has, from its first: its depth in {@value #CHUNK} frames, rounded up. */
    static int chunks(Object[] head) {
        int chunks = 0;
        for (Object[] chunk = head; chunk != null; chunk = next(chunk)) {
            chunks++;
        }
        return chunks;
    }

    /** The chunk after this one, or null. */
    static Object[] next(Object[] chunk) {
        return chunk[Layout.NEXT] instanceof Object[] next ? next : null;
    }

    /**
     * Records two stacks 40 frames of recursion deep (two chunks), which differ in their top frame only (two lines),
     * and checks that each frame's class is the class {@code getStackTrace()} names, that the two top frames are two
     * places, that every frame of the recursion is one place, and that the frames below are the same in both.
     */
    static boolean selfTest() {
        try {
            Throwable[] pair = new Throwable[2];
            recurse(SELF_TEST_DEPTH, pair);
            StackTraceElement[] expected = pair[0].getStackTrace();
            Object[] first = (Object[]) Layout.READ.apply(pair[0]);
            Object[] second = (Object[]) Layout.READ.apply(pair[1]);
            long recursion = place(first, 1);
            int frame = 0;
            for (Object[] a = first, b = second; a != null && b != null; a = next(a), b = next(b)) {
                for (int i = 0; i < CHUNK; i++, frame++) {
                    Class<?> type = frameClass(a, i);
                    if (type == null) {
                        return frame == expected.length && frame > SELF_TEST_DEPTH + 1;
                    }
                    boolean samePlace = place(a, i) == place(b, i);
                    boolean placeAsExpected = frame == 0 ? !samePlace && bci(place(a, i)) != bci(place(b, i))
                            : samePlace && (type == Backtraces.class && place(a, i) == recursion)
                                    == (frame <= SELF_TEST_DEPTH);
                    if (frame >= expected.length || !type.getName().equals(expected[frame].getClassName())
                            || frameClass(b, i) != type || !placeAsExpected) {
                        return false;
                    }
                }
            }
            return frame == expected.length; // the last chunk was full (or the VM's depth limit was reached)
        } catch (Throwable unexpected) {
            return false;
        }
    }

    private static void recurse(int depth, Throwable[] pair) {
        if (depth > 0) {
            recurse(depth - 1, pair);
            return;
        }
        pair[0] = new Throwable();
        pair[1] = new Throwable();
    }
}
