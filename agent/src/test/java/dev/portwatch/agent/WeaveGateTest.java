package dev.portwatch.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * premain's gate: the first thread to need the transformer builds it, on its own thread (the agent's, or one whose
 * funnel class loads first); a funnel class loading while another thread builds waits for it (bounded); the
 * builder's own loads, any other class and the agent's thread never wait at the gate; once open every class goes to
 * the transformer held, or to none.
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
    void theFirstFunnelClassToLoadBuildsOnItsOwnThreadThenIsWoven() throws Exception {
        WeaveGate gate = new WeaveGate(60_000);
        AtomicReference<Thread> builtOn = new AtomicReference<>();
        AtomicInteger builds = new AtomicInteger();
        gate.buildWith(() -> {
            builds.incrementAndGet();
            builtOn.set(Thread.currentThread());
            gate.hold(new Weaver());
        });
        AtomicReference<byte[]> loaded = new AtomicReference<>();
        Thread application = new Thread(() -> loaded.set(load(gate, null, FUNNEL)), "main");
        application.start();
        application.join(10_000);
        assertArrayEquals(WOVEN, loaded.get());
        assertSame(application, builtOn.get(), "built by the thread whose class came first");
        assertFalse(gate.claim(), "the agent's thread finds it built");
        gate.awaitOpen();
        assertArrayEquals(WOVEN, load(gate, null, "sun/nio/ch/SocketChannelImpl"));
        assertEquals(1, builds.get());
        assertEquals(0, gate.timedOut());
    }

    @Test
    void aFunnelClassWaitsForAnotherThreadsBuildThenIsWoven() throws Exception {
        WeaveGate gate = new WeaveGate(60_000);
        gate.buildWith(() -> gate.hold(new Weaver()));
        assertTrue(gate.claim(), "the agent's thread claims it first");
        CompletableFuture<byte[]> loading = CompletableFuture.supplyAsync(() -> load(gate, null, FUNNEL));
        Thread.sleep(200);
        assertFalse(loading.isDone(), "waits while the agent's thread builds");
        gate.runBuild();
        assertArrayEquals(WOVEN, loading.get(10, TimeUnit.SECONDS));
        assertEquals(0, gate.timedOut());
    }

    @Test
    void theAgentsThreadWaitsForAnApplicationsBuildAndNeverAtTheGate() throws Exception {
        WeaveGate gate = new WeaveGate(60_000);
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        gate.buildWith(() -> {
            building.countDown();
            await(finish);
            gate.hold(new Weaver());
        });
        CompletableFuture<byte[]> loading = CompletableFuture.supplyAsync(() -> load(gate, null, FUNNEL));
        assertTrue(building.await(10, TimeUnit.SECONDS));
        assertFalse(gate.claim(), "claimed by the application's thread");
        CompletableFuture<Void> agent = CompletableFuture.runAsync(() -> {
            try {
                gate.awaitOpen();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertFalse(agent.isDone(), "the agent's thread waits for the build, holding nothing");
        finish.countDown();
        agent.get(10, TimeUnit.SECONDS);
        assertArrayEquals(WOVEN, loading.get(10, TimeUnit.SECONDS));
    }

    @Test
    void otherClassesNeverWaitNorBuild() {
        WeaveGate gate = new WeaveGate(60_000);
        gate.buildWith(() -> {
            throw new AssertionError("no build for a class that is no funnel");
        });
        assertNull(load(gate, null, "java/lang/String"), "a class of the boot loader that is no funnel");
        assertNull(load(gate, WeaveGateTest.class.getClassLoader(), FUNNEL), "a JDK funnel's name, not of the JDK");
        assertTrue(gate.claim(), "still to be built");
    }

    @Test
    void theBuildersOwnLoadsNeverWait() {
        WeaveGate gate = new WeaveGate(60_000);
        assertTrue(gate.claim());
        assertNull(load(gate, null, FUNNEL), "the builder would wait for itself");
        assertEquals(0, gate.timedOut());
    }

    @Test
    void aBuildThatFailsStillOpensTheGate() {
        WeaveGate gate = new WeaveGate(60_000);
        gate.buildWith(() -> {
            throw new IllegalStateException("injected");
        });
        assertTrue(gate.claim());
        assertThrows(IllegalStateException.class, gate::runBuild);
        assertNull(load(gate, null, FUNNEL), "no wait once open, no transformer");
        assertFalse(gate.claim(), "built once, whatever came of it");
    }

    @Test
    void aLibraryFunnelUnderAnyPackageWaitsToo() throws Exception {
        WeaveGate gate = new WeaveGate(60_000);
        gate.buildWith(() -> gate.hold(new Weaver()));
        assertTrue(gate.claim());
        ClassLoader application = WeaveGateTest.class.getClassLoader();
        CompletableFuture<byte[]> loading = CompletableFuture.supplyAsync(
                () -> load(gate, application, "shaded/io/netty/channel/epoll/LinuxSocket"));
        Thread.sleep(200);
        assertFalse(loading.isDone(), "Netty's socket, relocated, waits as well");
        gate.runBuild();
        assertArrayEquals(WOVEN, loading.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aWaitThatRunsOutLoadsTheClassUnwovenAndCountsIt() throws Exception {
        WeaveGate gate = new WeaveGate(100);
        assertTrue(gate.claim(), "another thread builds, slowly");
        long started = System.nanoTime();
        assertNull(CompletableFuture.supplyAsync(() -> load(gate, null, FUNNEL)).get());
        assertNull(CompletableFuture.supplyAsync(() -> load(gate, null, "sun/nio/ch/SocketChannelImpl")).get());
        assertTrue(System.nanoTime() - started >= 200_000_000L, "each waited its 100 ms");
        assertEquals(2, gate.timedOut());
        gate.hold(new Weaver());
        assertArrayEquals(WOVEN, load(gate, null, FUNNEL), "woven once the transformer is held (retransformed)");
    }

    @Test
    void openWithoutATransformerLetsEveryClassLoadAsWithoutTheAgent() throws Exception {
        WeaveGate gate = new WeaveGate(60_000);
        assertTrue(gate.claim());
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

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] load(WeaveGate gate, ClassLoader loader, String name) {
        try {
            return gate.transform(loader, name, null, null, new byte[] {0});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
