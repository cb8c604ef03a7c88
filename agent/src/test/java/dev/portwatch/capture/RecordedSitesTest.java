package dev.portwatch.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.app.OpenerCallers;
import dev.portwatch.app.TwinCallers;
import dev.portwatch.table.Opener;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Openers found from recorded stacks are the stack walk's, for every way code reaches a socket: the walk runs for a
 * place's first socket, and the later ones get its opener without walking. This class is in the agent's capture
 * package, whose frames both skip as the agent's own.
 */
class RecordedSitesTest {

    private final CallSites callSites = new CallSites(false);
    private final RecordedSites recorded = new RecordedSites(callSites, false);
    private final CallSites.WalkDepth depth = new CallSites.WalkDepth();

    /** A caller of the open function, as the application's code calls a socket's connect. */
    private interface Caller {
        Opener call(Function<String, Opener> open) throws Exception;
    }

    /** As the agent's thread does at its start: until then every socket is walked for. */
    @BeforeAll
    static void selfTest() {
        Backtraces.check();
    }

    @Test
    void backtracesAreReadOnThisJdk() {
        assertTrue(Backtraces.check(), Runtime.version().toString());
        assertTrue(Backtraces.available());
        assertTrue(recorded.enabled());
        assertFalse(new RecordedSites(callSites, true).enabled(), "full stacks: every socket is walked for");
    }

    @Test
    void theLayoutSelfTestPassesOnStacksOfAnyDepth() {
        for (int frames = 0; frames <= 3 * Backtraces.CHUNK; frames++) {
            assertTrue(nested(frames, () -> Backtraces.selfTest()), "under " + frames + " frames more");
        }
    }

    @Test
    void directNestedLambdaAndReflectiveCallersGetTheWalksOpener() throws Exception {
        onJdkThread(() -> {
            assertSameAsWalk(OpenerCallers::direct, "dev.portwatch.app.OpenerCallers.direct(");
            assertSameAsWalk(OpenerCallers::nested, "dev.portwatch.app.OpenerCallers.helper(");
            assertSameAsWalk(OpenerCallers::fromLambda, "dev.portwatch.app.OpenerCallers.lambda$fromLambda$");
            assertSameAsWalk(OpenerCallers::reflective, "dev.portwatch.app.OpenerCallers.direct(");
            return null;
        });
    }

    @Test
    void twoMethodsCallingAtTheSameBytecodeIndexKeepTheirOwnOpeners() throws Exception {
        onJdkThread(() -> {
            Opener first = TwinCallers.first(this::recorded);
            Opener second = TwinCallers.second(this::recorded);
            assertNotSame(first, second);
            assertSame(first, TwinCallers.first(this::recorded));
            assertSame(second, TwinCallers.second(this::recorded));
            assertTrue(first.openedBy().startsWith("dev.portwatch.app.TwinCallers.first("), first.openedBy());
            assertTrue(second.openedBy().startsWith("dev.portwatch.app.TwinCallers.second("), second.openedBy());
            assertEquals(2, recorded.placesOf(TwinCallers.class));
            return null;
        });
    }

    @Test
    void oneSiteReachedThroughTwoApisHasTwoOpeners() throws Exception {
        onJdkThread(() -> {
            Opener socket = TwinCallers.first(api -> recorded("Socket"));
            Opener channel = TwinCallers.first(api -> recorded("SocketChannel"));
            assertEquals("Socket", socket.api());
            assertEquals("SocketChannel", channel.api());
            assertSame(channel, TwinCallers.first(api -> recorded("SocketChannel")));
            assertSame(socket, TwinCallers.first(api -> recorded("Socket")));
            return null;
        });
    }

    @Test
    void aJdkCallerOutsideJavaBaseNamesItAsTheWalkDoes() throws Exception {
        Opener walked = onJdkThread(() -> fromLogger(callSites::current));
        Opener once = onJdkThread(() -> fromLogger(this::recorded));
        Opener again = onJdkThread(() -> fromLogger(this::recorded));
        assertEquals(Opener.Kind.JDK, once.kind());
        assertEquals(walked.openedBy(), once.openedBy());
        assertTrue(once.openedBy().startsWith("java.logging/java.util.logging.Logger.info("), once.openedBy());
        assertSame(once, again);
    }

    @Test
    void javaBaseFramesAloneNameTheThreadAsTheWalkDoes() throws Exception {
        Opener opener = onJdkThread(() -> recorded("Socket"));
        assertEquals(Opener.Kind.THREAD, opener.kind());
        assertEquals("Socket", opener.api());
    }

    @Test
    void aPlaceBelowMoreThanItsFramesIsWalkedForAndNamedAlike() throws Exception {
        onJdkThread(() -> {
            Opener shallow = OpenerCallers.direct(this::recorded);
            Opener deep = nested(RecordedSites.MAX_FRAMES, () -> OpenerCallers.direct(this::recorded));
            Opener deepWalked = nested(RecordedSites.MAX_FRAMES, () -> OpenerCallers.direct(callSites::current));
            assertEquals(shallow.openedBy(), deepWalked.openedBy());
            Opener beneath = OpenerCallers.direct(api -> nested(RecordedSites.MAX_FRAMES, () -> recorded(api)));
            assertEquals(deepWalked.openedBy(), deep.openedBy());
            assertEquals(Opener.Kind.APPLICATION, beneath.kind(), "found by the walk past the recorded frames");
            assertTrue(beneath.openedBy().startsWith("dev.portwatch.app.OpenerCallers.direct("), beneath.openedBy());
            return null;
        });
    }

    @Test
    void aPlaceWhoseStacksAreDeepIsMostlyWalkedFor() throws Exception {
        onJdkThread(() -> {
            CallSites.WalkDepth deep = new CallSites.WalkDepth();
            int below = (CallSites.WalkDepth.DEEP_CHUNKS + 1) * Backtraces.CHUNK;
            Opener recordedOnce = nested(below, () -> OpenerCallers.direct(api -> recorded(api, deep)));
            assertFalse(deep.recordStack(), "the next sockets from there are walked for");
            Opener walked = nested(below, () -> OpenerCallers.direct(api -> recorded(api, deep)));
            assertEquals(recordedOnce.openedBy(), walked.openedBy());
            assertTrue(recordedOnce.openedBy().startsWith("dev.portwatch.app.OpenerCallers.direct("));
            CallSites.WalkDepth shallow = new CallSites.WalkDepth();
            OpenerCallers.direct(api -> recorded(api, shallow));
            assertTrue(shallow.recordStack(), "a shallow stack is recorded again");
            return null;
        });
    }

    private void assertSameAsWalk(Caller caller, String expected) throws Exception {
        Opener walked = caller.call(callSites::current);
        Opener first = caller.call(this::recorded);
        Opener second = caller.call(this::recorded);
        assertTrue(walked.openedBy().startsWith(expected), walked.openedBy());
        assertEquals(walked.openedBy(), first.openedBy());
        assertEquals(walked.api(), first.api());
        assertEquals(walked.kind(), first.kind());
        assertSame(first, second, "the second socket of a place gets the first one's opener");
        assertTrue(recorded.placesOf(first.frame().getDeclaringClass()) > 0, "kept as a place: " + expected);
    }

    private Opener recorded(String api) {
        return recorded(api, depth);
    }

    /** As an opener's source asks: the {@code Throwable} made by the caller, when its stack is to be recorded. */
    private Opener recorded(String api, CallSites.WalkDepth walkDepth) {
        return recorded.current(api, walkDepth, recorded.records(walkDepth) ? new Throwable() : null);
    }

    private static Opener fromLogger(Function<String, Opener> open) {
        AtomicReference<Opener> fromHandler = new AtomicReference<>();
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                fromHandler.set(open.apply("Socket"));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        logger.info("a JDK module (java.logging) calls back");
        return fromHandler.get();
    }

    /**
     * Runs {@code action} on a thread of its own, whose only frames below it are {@code Thread.run}'s: a shallow
     * stack, which is recorded (JUnit's own are deeper than {@link CallSites.WalkDepth#DEEP_CHUNKS} chunks).
     */
    private static <T> T onJdkThread(java.util.concurrent.Callable<T> action) throws Exception {
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
        @SuppressWarnings("unchecked")
        T done = (T) result.get();
        return done;
    }

    /** Runs {@code open} under {@code frames} more frames of this class (of the agent's package, as the bridge's). */
    private static <T> T nested(int frames, java.util.function.Supplier<T> open) {
        return frames == 0 ? open.get() : nested(frames - 1, open);
    }
}
