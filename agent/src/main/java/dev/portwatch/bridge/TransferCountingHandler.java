package dev.portwatch.bridge;

import java.nio.channels.CompletionHandler;

/**
 * Stands in for the application's completion handler of an asynchronous read or write: counts the bytes the JDK
 * reports, then hands the very same result and attachment on. The JDK learns the byte count only when the
 * operation completes, often on a channel-group thread, and passes it nowhere else.
 *
 * <p>Defined on the bootstrap class loader with {@link Bridge}: JDK types only.
 */
public final class TransferCountingHandler implements CompletionHandler<Object, Object> {

    private final int funnel;
    private final Object socket;
    private final CompletionHandler<Object, Object> application;
    private final boolean inbound;

    TransferCountingHandler(int funnel, Object socket, CompletionHandler<Object, Object> application,
                            boolean inbound) {
        this.funnel = funnel;
        this.socket = socket;
        this.application = application;
        this.inbound = inbound;
    }

    @Override
    public void completed(Object result, Object attachment) {
        if (result instanceof Number) {
            Bridge.transfer(funnel, socket, ((Number) result).longValue(), inbound);
        }
        application.completed(result, attachment);
    }

    @Override
    public void failed(Throwable failure, Object attachment) {
        application.failed(failure, attachment);
    }
}
