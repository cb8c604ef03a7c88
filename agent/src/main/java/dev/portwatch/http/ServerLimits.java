package dev.portwatch.http;

/**
 * Every bound of the endpoint's server ({@link SelectorServer}), in one place: how long each state of a connection
 * may last, how many connections there are, how many bytes wait. A request head's limits are {@link HeadBuffer}'s
 * and {@link RequestParser}'s.
 */
final class ServerLimits {

    /** An unfinished request (or TLS handshake), from the accept or the previous response. */
    static final long REQUEST_MILLIS = 5_000;
    /** Writing one response. */
    static final long WRITE_MILLIS = 10_000;
    /** A worker computing one answer (the connection is closed if it takes longer). */
    static final long ANSWER_MILLIS = 30_000;
    /** Reading what a client still sends after a response that closes the connection. */
    static final long DRAIN_MILLIS = 2_000;
    static final int MAX_DRAINED_BYTES = 64 * 1024;
    /** Open connections; a new one evicts the oldest that has not sent a complete request. */
    static final int MAX_CONNECTIONS = 32;
    /** Responses waiting to be written, in all; past that, a 503. */
    static final int MAX_PENDING_BYTES = 32 * 1024 * 1024;
    /** The kernel queues connections not yet accepted; a short queue would drop a scraper's SYN behind a flood. */
    static final int BACKLOG = 1024;
    /**
     * Connections accepted per turn of the selector. A closed channel keeps its descriptor until the selector's next
     * turn deregisters it, so accepting (and evicting) without a limit would hold a descriptor per connection waiting
     * in the backlog; the rest wait in the kernel's backlog instead.
     */
    static final int ACCEPTS_PER_TURN = 8;

    private ServerLimits() {}
}
