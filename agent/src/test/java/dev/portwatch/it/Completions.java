package dev.portwatch.it;

import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;

/** Completion handlers that hand an asynchronous channel's outcome to a future the scenario can wait on. */
final class Completions {

    private Completions() {}

    static <T> CompletionHandler<T, Void> into(CompletableFuture<T> outcome) {
        return new CompletionHandler<>() {
            @Override
            public void completed(T result, Void attachment) {
                outcome.complete(result);
            }

            @Override
            public void failed(Throwable failure, Void attachment) {
                outcome.completeExceptionally(failure);
            }
        };
    }
}
