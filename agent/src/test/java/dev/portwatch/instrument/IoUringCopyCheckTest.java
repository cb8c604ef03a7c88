package dev.portwatch.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.funnel.Funnel;
import dev.portwatch.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Netty's io_uring classes are woven all or none, per copy: the real Netty 4.2 jar on the test class path matches
 * (every class weaves, no warning), and the same copy with one class gone is named in one warning line and none of
 * its classes is woven. Each case uses a loader of its own, as each copy of Netty has.
 */
class IoUringCopyCheckTest {

    private static final String SERVER_CHANNEL = "io.netty.channel.uring.IoUringServerSocketChannel";
    private static final String STREAM_UNSAFE =
            "io.netty.channel.uring.AbstractIoUringStreamChannel$IoUringStreamUnsafe";

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final FunnelClassTransformer transformer = new FunnelClassTransformer(FunnelClassNames.JDK,
            FunnelClassNames.LIBRARY, () -> FunnelWeaving.ALL, new FunnelCoverage(),
            new AgentLog(new PrintStream(logged, true, StandardCharsets.UTF_8)),
            WeaveCacheOnFirstUse.opened(WeaveCache.OFF));

    @Test
    void nettysOwnIoUringClassesAreAllWoven() throws Exception {
        ClassLoader copy = new Copy(null);
        for (WovenClass woven : FunnelWeaving.ALL) {
            if (woven.funnel() == Funnel.NETTY_IO_URING) {
                assertNotNull(transform(copy, woven.className()), woven.className() + ": " + log());
            }
        }
        assertEquals("", log());
    }

    @Test
    void aCopyLackingOneClassIsNamedOnceAndNotWovenAtAll() throws Exception {
        ClassLoader copy = new Copy(STREAM_UNSAFE);
        assertNull(transform(copy, SERVER_CHANNEL));
        assertNull(transform(copy, "io.netty.channel.uring.AbstractIoUringChannel$AbstractUringUnsafe"));
        String[] lines = log().split("\n");
        assertEquals(1, lines.length, log());
        assertTrue(lines[0].contains("io.netty.channel.uring (Netty io_uring) is of a version portwatch does not "
                + "know") && lines[0].contains(STREAM_UNSAFE), log());
    }

    private byte[] transform(ClassLoader copy, String name) throws IOException {
        try (InputStream classFile = copy.getResourceAsStream(name.replace('.', '/') + ".class")) {
            return transformer.transform(copy, name.replace('.', '/'), null, null, classFile.readAllBytes());
        }
    }

    private String log() {
        return logged.toString(StandardCharsets.UTF_8).strip();
    }

    /** A loader of its own for Netty's class files (a copy), hiding one class of them if asked. */
    private static final class Copy extends ClassLoader {
        private final String hidden;

        Copy(String hidden) {
            super(IoUringCopyCheckTest.class.getClassLoader());
            this.hidden = hidden == null ? null : hidden.replace('.', '/') + ".class";
        }

        @Override
        public URL getResource(String name) {
            return name.equals(hidden) ? null : super.getResource(name);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            return name.equals(hidden) ? null : super.getResourceAsStream(name);
        }
    }
}
