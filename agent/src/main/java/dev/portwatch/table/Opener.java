package dev.portwatch.table;

import java.util.List;

/**
 * Where a socket was opened: the public JDK API used, the first application frame that called it, and (only when
 * full stacks are switched on) the whole application stack. Frames are kept as the JDK's objects and turned into
 * text only when someone reads the table.
 */
public record Opener(String api, StackWalker.StackFrame frame, List<StackWalker.StackFrame> stack) {

    public static Opener unknown(String api) {
        return new Opener(api, null, List.of());
    }

    /** {@code com.example.Db.connect(Db.java:42)}, or null when no application code was on the stack. */
    public String openedBy() {
        return frame == null ? null : format(frame);
    }

    public List<String> stackTrace() {
        return stack.stream().map(Opener::format).toList();
    }

    private static String format(StackWalker.StackFrame frame) {
        return frame.toStackTraceElement().toString();
    }
}
