package dev.portwatch.table;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * A weak reference to a socket with the socket's identity hash, so the table never keeps an application's socket
 * alive and learns through its reference queue when one is collected without being closed. An open row is its own
 * key ({@link Connection} extends this class): one object per row instead of two, the row's 12-byte header and
 * padding saved. The hash stays when the socket is collected, so {@link RowMap} still finds the row's bucket. Equal
 * only to itself: {@link RowMap} compares sockets with {@code refersTo}.
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
}
