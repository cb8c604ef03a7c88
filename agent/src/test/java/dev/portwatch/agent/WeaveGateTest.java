package dev.portwatch.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * premain's gate: a funnel class waits for the transformer (bounded), any other class and the agent's own thread
 * never wait, and once open every class goes to the transformer held, or to none.
 */
@Timeout(30)
class WeaveGateTest {

    private static final String FUNNEL = "sun/nio/ch/NioSocketImpl";
    private static final byte[] WOVEN = {1, 2, 3};

    /** Answers {@link #WOVEN} for everything it is asked. */
    private static final class Weaver implements ClassFileTransformer {
        @Override
        public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                                byte[] classFile) {
            return WOVEN;
        }
    }

    @Test
    void aFunnelClassWaitsForTheTransformerThenIsWoven() throws Exception {
        WeaveGate gate = new WeaveGate(60_000);
        CompletableFuture<byte[]> loading = CompletableFuture.supplyAsync(() -> load(gate, null, FUNNEL));
        Thread.sleep(200);
        assertFalse(loading.isDone(), "waits while the agent's thread prepares");
        gate.hold(new Weaver());
        assertArrayEquals(WOVEN, loading.get(10, TimeUnit.SECONDS));
        assertEquals(0, gate.timedOut());
    }

    @Test
    void otherClassesAndTheAgentsThreadNeverWait() throws Exception {
        WeaveGate gate = new WeaveGate(60_000);
        assertNull(load(gate, null, "java/lang/String"), "a class of the boot loader that is no funnel");
        assertNull(load(gate, WeaveGateTest.class.getClassLoader(), FUNNEL), "a JDK funnel's name, not of the JDK");
        gate.preparedBy(Thread.currentThread());
        assertNull(load(gate, null, FUNNEL), "the agent's own thread would wait for itself");
        assertEquals(0, gate.timedOut());
    }

    @Test
    void aLibraryFunnelUnderAnyPackageWaitsToo() throws Exception {
        WeaveGate gate = new WeaveGate(60_000);
        ClassLoader application = WeaveGateTest.class.getClassLoader();
        CompletableFuture<byte[]> loading = CompletableFuture.supplyAsync(
                () -> load(gate, application, "shaded/io/netty/channel/epoll/LinuxSocket"));
        Thread.sleep(200);
        assertFalse(loading.isDone(), "Netty's socket, relocated, waits as well");
        gate.hold(new Weaver());
        assertArrayEquals(WOVEN, loading.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aWaitThatRunsOutLoadsTheClassUnwovenAndCountsIt() {
        WeaveGate gate = new WeaveGate(100);
        long started = System.nanoTime();
        assertNull(load(gate, null, FUNNEL));
        assertNull(load(gate, null, "sun/nio/ch/SocketChannelImpl"));
        assertTrue(System.nanoTime() - started >= 200_000_000L, "each waited its 100 ms");
        assertEquals(2, gate.timedOut());
        gate.hold(new Weaver());
        assertArrayEquals(WOVEN, load(gate, null, FUNNEL), "woven once the transformer is held (retransformed)");
    }

    @Test
    void openWithoutATransformerLetsEveryClassLoadAsWithoutTheAgent() throws Exception {
        WeaveGate gate = new WeaveGate(60_000);
        AtomicReference<byte[]> loaded = new AtomicReference<>(WOVEN);
        Thread loading = new Thread(() -> loaded.set(load(gate, null, FUNNEL)));
        loading.start();
        Thread.sleep(100);
        gate.open();
        loading.join(10_000);
        assertFalse(loading.isAlive());
        assertNull(loaded.get());
        assertNull(load(gate, null, FUNNEL), "no wait once open");
    }

    private static byte[] load(WeaveGate gate, ClassLoader loader, String name) {
        try {
            return gate.transform(loader, name, null, null, new byte[] {0});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
