package dev.portwatch.table;

/** A socket's state as the JDK calls have left it; names follow the kernel's where one exists. */
public enum State {
    LISTEN,
    /** A non-blocking or asynchronous connect is in progress. */
    SYN_SENT,
    ESTABLISHED,
    /** A UDP socket, or a TCP socket bound but not (yet) connected. */
    BOUND,
    /** A connected UDP socket. */
    CONNECTED,
    CLOSED;

    public boolean isOpen() {
        return this != CLOSED;
    }
}
