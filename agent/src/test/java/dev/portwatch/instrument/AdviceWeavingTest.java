package dev.portwatch.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.portwatch.bridge.Bridge;
import dev.portwatch.bridge.RecordedEvents;
import dev.portwatch.funnel.Funnel;
import dev.portwatch.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CompletionHandler;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real advice and weaving list, woven in this JVM (no forked JVM) into classes shaped like the JDK's funnels:
 * what each method reports to the bridge, with the funnel id, the direction and the pending-future field bound per
 * method. The classes are restored in {@code finally}.
 */
class AdviceWeavingTest {

    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 5432);

    private final RecordedEvents events = new RecordedEvents();

    @BeforeEach
    void listen() {
        Bridge.install(events);
    }

    @AfterEach
    void stopListening() {
        Bridge.uninstall();
    }

    @Test
    void aStreamChannelReportsConnectsDirectionsAndClose() throws Exception {
        StreamChannelShape channel = new StreamChannelShape();
        int funnel = Funnel.SOCKET_CHANNEL.id();
        wovenLike("sun.nio.ch.SocketChannelImpl", StreamChannelShape.class, () -> {
            channel.bind(REMOTE);
            channel.connect(REMOTE);
            channel.finishConnect();
            channel.nextResult = 10;
            channel.read(ByteBuffer.allocate(1));
            channel.tryRead(new byte[0], 0, 0);
            channel.nextResult = 20;
            channel.write(ByteBuffer.allocate(1));
            channel.tryWrite(new byte[0], 0, 0);
            channel.implCloseSelectableChannel();
            channel.read(ByteBuffer.allocate(1)); // -1 at end of stream: nothing moved
        });

        assertEquals(List.of(
                "bind " + funnel, "connect " + funnel + " pending", "finishConnect " + funnel + " established",
                "transfer " + funnel + " 10 in", "transfer " + funnel + " 10 in",
                "transfer " + funnel + " 20 out", "transfer " + funnel + " 20 out",
                "close " + funnel), events.lines());
    }

    @Test
    void anAsynchronousChannelCountsEachCompletionOnceInItsDirection() throws Exception {
        AsyncChannelShape channel = new AsyncChannelShape();
        int funnel = Funnel.ASYNC_SOCKET_CHANNEL.id();
        List<Integer> seenByApplication = new ArrayList<>();
        CompletionHandler<Integer, Object> handler = new CompletionHandler<>() {
            @Override
            public void completed(Integer bytes, Object attachment) {
                seenByApplication.add(bytes);
            }

            @Override
            public void failed(Throwable failure, Object attachment) {
                seenByApplication.add(-1);
            }
        };
        wovenLike("sun.nio.ch.UnixAsynchronousSocketChannelImpl", AsyncChannelShape.class, () -> {
            channel.implConnect(REMOTE, null, null);
            channel.finishConnect(true);
            channel.completeWith = 3;
            channel.implRead(false, null, null, 0, null, null, handler);
            channel.completeWith = 4;
            channel.implWrite(false, null, null, 0, null, null, handler);
            channel.completeWith = 5;
            assertNotNull(channel.implRead(false, null, null, 0, null, null, null), "completed at once");
            channel.readFuture = CompletableFuture.completedFuture(7);
            channel.writeFuture = CompletableFuture.completedFuture(9);
            channel.finishRead(true);
            channel.finishWrite(true);
            channel.finishRead(true); // nothing pending any more
        });

        assertEquals(List.of(3, 4), seenByApplication, "the application's handler still sees every result");
        assertEquals(List.of(
                "connectStart " + funnel, "connect " + funnel + " pending", "finishConnect " + funnel + " undecided",
                "transfer " + funnel + " 3 in", "transfer " + funnel + " 4 out", "transfer " + funnel + " 5 in",
                "transfer " + funnel + " 7 in", "transfer " + funnel + " 9 out"), events.lines());
    }

    /**
     * Runs {@code calls} with {@code shape} woven as the weaving list weaves {@code jdkClass}: the same methods,
     * advice and bindings. Every listed method must exist on the shape; the original class is restored after.
     */
    private static void wovenLike(String jdkClass, Class<?> shape, Calls calls) throws Exception {
        WovenClass listed = FunnelWeaving.ALL.stream().filter(woven -> woven.className().equals(jdkClass))
                .findFirst().orElseThrow();
        WovenClass woven = new WovenClass(shape.getName(), listed.funnel(), listed.covers(), listed.methods());
        FunnelCoverage coverage = new FunnelCoverage();
        FunnelWeaver weaver = new FunnelWeaver(coverage, AgentLog.toStderr());
        String internalName = shape.getName().replace('.', '/');
        Throwable[] failure = new Throwable[1];
        ClassFileTransformer transformer = new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                                    byte[] classFile) {
                if (!internalName.equals(name)) {
                    return null;
                }
                try {
                    return weaver.weave(woven, classFile, ClassFileLocator.ForClassLoader.of(loader));
                } catch (Throwable t) {
                    failure[0] = t;
                    return null;
                }
            }
        };
        Instrumentation instrumentation = ByteBuddyAgent.install();
        instrumentation.addTransformer(transformer, true);
        try {
            instrumentation.retransformClasses(shape);
            assertNull(failure[0], () -> "weaving failed: " + failure[0]);
            assertEquals(List.of(), coverage.missingMethods(), "every listed method is on the shape");
            calls.run();
        } finally {
            instrumentation.removeTransformer(transformer);
            instrumentation.retransformClasses(shape);
        }
    }

    @FunctionalInterface
    private interface Calls {
        void run() throws Exception;
    }
}
