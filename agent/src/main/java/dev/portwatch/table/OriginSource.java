package dev.portwatch.table;

/**
 * Says who opened a socket. The table asks only when an event creates the socket's row: finding the opener walks
 * the stack, the costliest step of an event, and a socket's later events never need it.
 */
@FunctionalInterface
public interface OriginSource {

    RowOrigin origin();
}
