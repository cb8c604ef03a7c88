package dev.portwatch.app;

import java.util.function.Function;

/**
 * Application code for the opener's tests: outside the agent's packages, so the stack walk stops at its frames.
 * {@link #first} and {@link #second} have the same bytecode, so each calls {@code open} at the same bytecode index
 * of its own method: what tells them apart is the method, not the index.
 */
public final class TwinCallers {

    private TwinCallers() {}

    public static <T> T first(Function<String, T> open) {
        return open.apply("Socket");
    }

    public static <T> T second(Function<String, T> open) {
        return open.apply("Socket");
    }
}
