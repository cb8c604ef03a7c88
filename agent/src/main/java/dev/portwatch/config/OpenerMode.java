package dev.portwatch.config;

/**
 * How each socket's opener is found, from the options {@code stacks} and {@code openers} together: one value, so
 * their one invalid pair ({@code stacks=true} with {@code openers=thread}, a full stack from no stack) cannot be
 * held anywhere past the parser that refuses it.
 */
public enum OpenerMode {
    /** The default: the application frame and API that opened the socket, from its stack. */
    STACK,
    /** {@code openers=thread}: the socket's thread and its class's API; no stack is read. */
    THREAD,
    /** {@code stacks=true}: as {@link #STACK}, and the whole application stack of every socket kept. */
    FULL_STACK;

    /** Whether an opener is found on the stack (else it is its thread). */
    public boolean readsStack() {
        return this != THREAD;
    }

    /** Whether every socket keeps its whole stack, not only the frame that opened it. */
    public boolean fullStacks() {
        return this == FULL_STACK;
    }
}
