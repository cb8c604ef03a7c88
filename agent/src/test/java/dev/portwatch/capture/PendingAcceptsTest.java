package dev.portwatch.capture;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A descriptor an accept returned goes to the next socket its thread makes from it, once, and to no other. */
class PendingAcceptsTest {

    private final PendingAccepts pending = new PendingAccepts();
    private final Object listener = new Object();

    @Test
    void theSocketMadeFromTheAcceptedDescriptorTakesIt() {
        assertNull(pending.take(42), "nothing accepted yet");
        pending.accepted(listener, 42);
        assertSame(listener, pending.take(42));
        assertNull(pending.take(42), "taken once");
    }

    @Test
    void aSocketMadeFromAnotherDescriptorEmptiesTheSlot() {
        pending.accepted(listener, 42);
        assertNull(pending.take(43), "a client socket made by the same thread");
        assertNull(pending.take(42), "the accept's descriptor was never made into a socket: forgotten");
    }

    @Test
    void anotherThreadsAcceptIsNotTaken() throws Exception {
        pending.accepted(listener, 42);
        assertNull(CompletableFuture.supplyAsync(() -> pending.take(42)).get());
        assertSame(listener, pending.take(42));
    }
}
