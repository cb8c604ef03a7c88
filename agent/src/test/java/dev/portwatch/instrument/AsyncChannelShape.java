package dev.portwatch.instrument;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A class shaped like {@code sun.nio.ch.UnixAsynchronousSocketChannelImpl}: reads and writes that complete through
 * the handler, at once through a completed future, or later through the pending future kept in a field per
 * direction (completed by {@code finishRead}/{@code finishWrite}).
 */
public class AsyncChannelShape {

    Object readFuture;
    Object writeFuture;
    int completeWith;

    <V, A> Future<V> implConnect(SocketAddress remote, A attachment, CompletionHandler<Void, ? super A> handler) {
        return null;
    }

    void finishConnect(boolean mayInvokeDirect) {
        completeWith = 0;
    }

    <V extends Number, A> Future<V> implRead(boolean scattering, ByteBuffer dst, ByteBuffer[] dsts, long timeout,
                                             TimeUnit unit, A attachment, CompletionHandler<V, ? super A> handler) {
        return complete(attachment, handler);
    }

    <V extends Number, A> Future<V> implWrite(boolean gathering, ByteBuffer src, ByteBuffer[] srcs, long timeout,
                                              TimeUnit unit, A attachment, CompletionHandler<V, ? super A> handler) {
        return complete(attachment, handler);
    }

    void finishRead(boolean mayInvokeDirect) {
        readFuture = null;
    }

    void finishWrite(boolean mayInvokeDirect) {
        writeFuture = null;
    }

    @SuppressWarnings("unchecked")
    private <V extends Number, A> Future<V> complete(A attachment, CompletionHandler<V, ? super A> handler) {
        V result = (V) Integer.valueOf(completeWith);
        if (handler == null) {
            return CompletableFuture.completedFuture(result);
        }
        handler.completed(result, attachment);
        return null;
    }
}
