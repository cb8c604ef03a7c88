package dev.portwatch.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.channels.CompletionHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the bridge counts the bytes of asynchronous reads and writes, whose count arrives only on completion. */
class AsyncTransferTest {

    private static final int FUNNEL = 4; // any funnel id: the bridge hands it on untouched
    private final Object channel = new Object();
    private final RecordedEvents events = new RecordedEvents();
    private final List<String> seenByApplication = new ArrayList<>();

    @BeforeEach
    void install() {
        Bridge.install(events);
    }

    @AfterEach
    void uninstall() {
        Bridge.uninstall();
    }

    private final CompletionHandler<Integer, String> application = new CompletionHandler<>() {
        @Override
        public void completed(Integer bytes, String attachment) {
            seenByApplication.add("completed " + bytes + " " + attachment);
        }

        @Override
        public void failed(Throwable failure, String attachment) {
            seenByApplication.add("failed " + failure.getMessage() + " " + attachment);
        }
    };

    @Test
    @SuppressWarnings("unchecked")
    void theWrappedHandlerCountsThenHandsTheSameResultOn() {
        CompletionHandler<Object, Object> wrapped =
                (CompletionHandler<Object, Object>) Bridge.countingHandler(FUNNEL, channel, application, true);

        wrapped.completed(42, "read 1");
        wrapped.completed(-1, "end of stream");
        wrapped.failed(new IOException("reset"), "read 2");

        assertEquals(List.of("in 42"), events.transfers(), "only bytes that moved are counted");
        assertEquals(List.of("completed 42 read 1", "completed -1 end of stream", "failed reset read 2"),
                seenByApplication);
    }

    @Test
    void writesCountOutbound() {
        @SuppressWarnings("unchecked")
        CompletionHandler<Object, Object> wrapped =
                (CompletionHandler<Object, Object>) Bridge.countingHandler(FUNNEL, channel, application, false);
        wrapped.completed(7, "write");
        assertEquals(List.of("out 7"), events.transfers());
    }

    @Test
    void withoutAListenerOrAHandlerNothingIsWrapped() {
        assertSame(null, Bridge.countingHandler(FUNNEL, channel, null, true), "a future-based call has no handler");
        Bridge.uninstall();
        assertSame(application, Bridge.countingHandler(FUNNEL, channel, application, true));
    }

    @Test
    void aFutureCountsOnlyOnceDoneWithBytes() {
        Bridge.transferDone(FUNNEL, channel, new CompletableFuture<Integer>(), true);
        Bridge.transferDone(FUNNEL, channel, CompletableFuture.failedFuture(new IOException("reset")), true);
        CompletableFuture<Integer> cancelled = new CompletableFuture<>();
        cancelled.cancel(false);
        Bridge.transferDone(FUNNEL, channel, cancelled, true);
        Bridge.transferDone(FUNNEL, channel, null, true);
        assertEquals(List.of(), events.transfers(), "pending, failed, cancelled and absent futures count nothing");

        Bridge.transferDone(FUNNEL, channel, CompletableFuture.completedFuture(100L), false);
        assertEquals(List.of("out 100"), events.transfers());
    }
}
