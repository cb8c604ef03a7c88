package dev.portwatch.bench;

import java.util.function.Supplier;

/** An application's frames, outside the agent's packages: the stack walks stop at the first of them. */
public final class Caller {

    private Caller() {}

    /** Runs {@code action} under {@code frames} more frames of this class. */
    public static <T> T below(int frames, Supplier<T> action) {
        return frames == 0 ? action.get() : below(frames - 1, action);
    }
}
