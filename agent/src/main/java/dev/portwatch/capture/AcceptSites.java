package dev.portwatch.capture;

import dev.portwatch.table.Connection;
import dev.portwatch.table.Opener;

/**
 * Remembers, per thread, the opener of its last accepted connection and the listener it came from. A server accepts
 * in a loop, so the next accept on the same thread from the same listener has the same opener: reusing it saves a
 * stack walk per connection — on an HTTP server's dispatcher, which has no application frame to find, a walk down
 * to the thread's bottom. (A thread that accepts from one listener at two places in its code gets the first place.)
 */
final class AcceptSites {

    private final ThreadLocal<Last> last = new ThreadLocal<>();

    private record Last(Connection listenerRow, Opener opener) {}

    /** The opener of this thread's last accept from {@code listenerRow}; null if its last accept was elsewhere. */
    Opener lastFrom(Connection listenerRow) {
        Last remembered = last.get();
        return remembered != null && remembered.listenerRow() == listenerRow ? remembered.opener() : null;
    }

    void remember(Connection listenerRow, Opener opener) {
        last.set(new Last(listenerRow, opener));
    }
}
