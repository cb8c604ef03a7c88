package dev.portwatch.table;

import java.util.List;
import java.util.Locale;

/**
 * Where a socket was opened: the public JDK API used, the frame that names who opened it, and (only when full
 * stacks are switched on) the whole application stack. Frames are kept as the JDK's objects and turned into text
 * only when someone reads the table. {@code kind} says what the opener is: the first application frame, or, in a
 * program made of JDK code alone ({@code jwebserver}, an {@code HttpClient}'s own threads), the outermost JDK frame
 * outside {@code java.base}, or else only the thread; null when nothing is known (a socket only the kernel saw).
 */
public record Opener(String api, StackWalker.StackFrame frame, List<StackWalker.StackFrame> stack, Kind kind) {

    /** What names the opener, from the most telling to the least. */
    public enum Kind {
        APPLICATION, JDK, THREAD;

        private final String label = name().toLowerCase(Locale.ROOT);

        /** {@code application}, {@code jdk}, {@code thread}: as the JSON says it. */
        public String label() {
            return label;
        }
    }

    /** An application frame's opener, or an unknown one without a frame. */
    public Opener(String api, StackWalker.StackFrame frame, List<StackWalker.StackFrame> stack) {
        this(api, frame, stack, frame == null ? null : Kind.APPLICATION);
    }

    public static Opener unknown(String api) {
        return new Opener(api, null, List.of(), null);
    }

    /** {@code com.example.Db.connect(Db.java:42)}, or null when no frame names the opener. */
    public String openedBy() {
        return frame == null ? null : format(frame);
    }

    /** The frame, or for {@link Kind#THREAD} the name of the opening {@code thread}; null when unknown. */
    public String openedBy(String thread) {
        return kind == Kind.THREAD ? thread : openedBy();
    }

    /** {@link #openedBy(String)} for people: a thread's name reads {@code thread <name>}, not like code. */
    public String describe(String thread) {
        return kind == Kind.THREAD ? "thread " + thread : openedBy();
    }

    public List<String> stackTrace() {
        return stack.stream().map(Opener::format).toList();
    }

    private static String format(StackWalker.StackFrame frame) {
        return frame.toStackTraceElement().toString();
    }
}
