package dev.portwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.app.TwinCallers;
import dev.portwatch.table.Opener;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Who opened a socket, on real stacks. This class is in the agent's capture package, whose frames the walk skips
 * as the agent's own: code here is invisible to it, as the agent's is, so a stack with only this class and the
 * JDK on it is a stack of JDK code alone.
 */
class CallSitesTest {

    private final CallSites callSites = new CallSites(false);

    @Test
    void anApplicationFrameNamesTheOpener() {
        Opener opener = callSites.current("Socket");
        assertEquals(Opener.Kind.APPLICATION, opener.kind());
        assertTrue(opener.openedBy().startsWith("org.junit."), opener.openedBy()); // the first frame not ours
    }

    @Test
    void theRowsOpenedAtOnePlaceShareOneOpener() {
        assertTrue(new SiteOpeners().sharing(), "the tests' JVM opens java.lang as the installer does");
        Opener once = TwinCallers.first(callSites::current);
        Opener again = TwinCallers.first(callSites::current);
        assertSame(once, again);
        assertTrue(once.openedBy().startsWith("dev.portwatch.app.TwinCallers.first("), once.openedBy());
    }

    @Test
    void twoMethodsCallingAtTheSameBytecodeIndexKeepTheirOwnOpeners() {
        Opener first = TwinCallers.first(callSites::current);
        Opener second = TwinCallers.second(callSites::current);
        assertNotSame(first, second);
        assertEquals(first.frame().getByteCodeIndex(), second.frame().getByteCodeIndex());
        assertTrue(first.openedBy().startsWith("dev.portwatch.app.TwinCallers.first("), first.openedBy());
        assertTrue(second.openedBy().startsWith("dev.portwatch.app.TwinCallers.second("), second.openedBy());
        // and again, now that both are known: each site still finds its own
        assertSame(first, TwinCallers.first(callSites::current));
        assertSame(second, TwinCallers.second(callSites::current));
    }

    @Test
    void oneSiteReachedThroughTwoApisHasTwoOpeners() {
        Opener socket = TwinCallers.first(api -> callSites.current("Socket"));
        Opener channel = TwinCallers.first(api -> callSites.current("SocketChannel"));
        assertEquals("Socket", socket.api());
        assertEquals("SocketChannel", channel.api());
        assertSame(channel, TwinCallers.first(api -> callSites.current("SocketChannel")));
    }

    @Test
    void withFullStacksEachSocketKeepsItsOwnStack() {
        CallSites full = new CallSites(true);
        Opener once = TwinCallers.first(full::current);
        Opener again = TwinCallers.first(full::current);
        assertNotSame(once, again);
        assertTrue(once.stackTrace().size() > 1, once.stackTrace().toString());
        assertEquals(once.stackTrace().subList(1, once.stackTrace().size()),
                again.stackTrace().subList(1, again.stackTrace().size()));
    }

    @Test
    void withoutOneTheOutermostJdkFrameOutsideJavaBaseNamesIt() throws Exception {
        Opener opener = onJdkThread(() -> {
            AtomicReference<Opener> fromHandler = new AtomicReference<>();
            Logger logger = Logger.getAnonymousLogger();
            logger.setUseParentHandlers(false);
            logger.addHandler(new Handler() {
                @Override
                public void publish(LogRecord record) {
                    fromHandler.set(callSites.current("Socket"));
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            });
            logger.info("a JDK module (java.logging) calls back");
            return fromHandler.get();
        });
        assertEquals(Opener.Kind.JDK, opener.kind());
        assertTrue(opener.openedBy().startsWith("java.logging/java.util.logging.Logger.info("), opener.openedBy());
        assertEquals(opener.openedBy(), opener.openedBy("a-thread"));
        assertEquals(opener.openedBy(), opener.describe("a-thread"));
    }

    @Test
    void withJavaBaseFramesAloneTheThreadNamesIt() throws Exception {
        Opener opener = onJdkThread(() -> callSites.current("Socket"));
        assertEquals(Opener.Kind.THREAD, opener.kind());
        assertNull(opener.openedBy());
        assertEquals("a-thread", opener.openedBy("a-thread"));
        assertEquals("thread a-thread", opener.describe("a-thread"));
        assertEquals("Socket", opener.api());
    }

    @Test
    void anUnknownOpenerHasNoKindAndNamesNothing() {
        Opener unknown = Opener.unknown("Socket");
        assertNull(unknown.kind());
        assertNull(unknown.openedBy("a-thread"));
        assertNull(unknown.describe("a-thread"));
    }

    /** Runs {@code action} on a thread of its own, whose only frames below it are {@code Thread.run}'s. */
    private static Opener onJdkThread(java.util.concurrent.Callable<Opener> action) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(action.call());
            } catch (Exception | Error e) {
                result.set(e);
            }
        }, "a-thread");
        thread.start();
        thread.join(10_000);
        if (result.get() instanceof Throwable failed) {
            throw new AssertionError(failed);
        }
        return (Opener) result.get();
    }

    @Test
    void aWalkSizesTheNextFirstBatchToWhatItReadAndFindsTheSameOpenerWithAnySize() {
        CallSites.WalkDepth depth = new CallSites.WalkDepth();
        assertEquals(CallSites.FIRST_BATCH_FRAMES, depth.frames());
        Opener learning = nested(20, () -> callSites.current("Socket", depth));
        int learned = depth.frames();
        // 20 frames of this class (the agent's package, skipped) and the walk's own lie above the first JUnit frame
        assertTrue(learned > 20 && learned < CallSites.MAX_FIRST_BATCH_FRAMES, "learned " + learned);
        Opener again = nested(20, () -> callSites.current("Socket", depth));
        assertEquals(learned, depth.frames());
        assertEquals(learning.openedBy(), again.openedBy());
        Opener deeper = nested(80, () -> callSites.current("Socket", depth)); // more than the largest first batch
        assertEquals(CallSites.MAX_FIRST_BATCH_FRAMES, depth.frames());
        assertEquals(learning.openedBy(), deeper.openedBy());
    }

    @Test
    void theFirstBatchShrinksOnlyAfterShallowerWalksInARow() {
        CallSites.WalkDepth depth = new CallSites.WalkDepth();
        nested(30, () -> callSites.current("Socket", depth));
        int deep = depth.frames();
        nested(10, () -> callSites.current("Socket", depth));
        assertEquals(deep, depth.frames(), "one shallower walk between deeper ones keeps the deeper size");
        nested(30, () -> callSites.current("Socket", depth));
        for (int i = 1; i < CallSites.WalkDepth.SHRINK_AFTER; i++) {
            nested(10, () -> callSites.current("Socket", depth));
        }
        assertEquals(deep, depth.frames());
        nested(10, () -> callSites.current("Socket", depth));
        assertEquals(deep - 20, depth.frames(), "the shallower path stayed: its size");
    }

    /** Runs {@code walk} under {@code frames} more frames of this class (of the agent's package, as the bridge's). */
    private static Opener nested(int frames, java.util.function.Supplier<Opener> walk) {
        return frames == 0 ? walk.get() : nested(frames - 1, walk);
    }
}
