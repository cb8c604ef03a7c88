package dev.portwatch.table;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * A map key that holds a socket weakly and compares it by identity, so the table never keeps an application's
 * socket alive and learns through its reference queue when one is collected without being closed. An open row is
 * its own key ({@link Connection} extends this class): one object per row instead of two, the row's 12-byte header
 * and padding saved.
 */
abstract class IdentityKey extends WeakReference<Object> {

    private final int hash;

    IdentityKey(Object socket, ReferenceQueue<Object> queue) {
        super(socket, queue);
        this.hash = System.identityHashCode(socket);
    }

    @Override
    public final int hashCode() {
        return hash;
    }

    @Override
    public final boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        Object socket = get();
        if (socket == null) {
            return false; // a cleared key equals only itself, so it can still be removed
        }
        if (other instanceof IdentityKey key) {
            return key.get() == socket;
        }
        return other instanceof Lookup lookup && lookup.socket == socket;
    }

    /** A short-lived key for reads: no reference object, so a lookup costs the GC nothing. */
    static final class Lookup {
        private final Object socket;

        Lookup(Object socket) {
            this.socket = socket;
        }

        /** Computed when asked: a map read asks once. */
        @Override
        public int hashCode() {
            return System.identityHashCode(socket);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof IdentityKey key && key.get() == socket
                    || other instanceof Lookup lookup && lookup.socket == socket;
        }
    }
}
