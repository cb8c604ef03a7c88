package dev.portwatch.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache's stamp answers for the whole cache only while every entry, the agent build and the JDK are what it was
 * written for; and a stamp never makes a stale or tampered entry a class: each is compared whole as it loads.
 */
class CacheStampTest {

    private static final String NAME = "sun.nio.ch.NioSocketImpl";
    private static final String OTHER = "sun.nio.ch.SocketChannelImpl";
    private static final byte[] ORIGINAL = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 1, 2, 3};
    private static final byte[] WOVEN = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 4, 5, 6, 7};
    private static final List<String> NAMES = List.of(NAME, OTHER);
    private static final List<String> LACKING = List.of("a line", "another");

    @TempDir
    Path temp;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final AgentLog log = new AgentLog(new PrintStream(logged, true, StandardCharsets.UTF_8));

    private WeaveCache stampedCache() {
        WeaveCache cache = WeaveCache.open(temp.resolve("cache"), "build-1", true, log);
        for (String name : NAMES) {
            cache.store("boot", new CachedWeave(name, ORIGINAL, WOVEN, List.of()));
        }
        cache.stamp("boot", NAMES, LACKING);
        return cache;
    }

    @Test
    void aStampAnswersForTheEntriesItWasWrittenFor() {
        WeaveCache cache = stampedCache();

        assertEquals(LACKING, cache.stamped("boot", NAMES));
        assertEquals(LACKING, WeaveCache.open(temp.resolve("cache"), "build-1", true, log)
                .stamped("boot", List.of(OTHER, NAME)), "another run, the names in another order");
        assertNull(cache.stamped("boot-redefined", NAMES), "another kind of load");
        assertNull(cache.stamped("boot", List.of(NAME)), "other classes");
        assertNotNull(CacheStamp.thisJdk(), "a JDK with a runtime image");
    }

    @Test
    void aStaleOrMissingEntryVoidsTheStamp() throws IOException {
        WeaveCache cache = stampedCache();
        cache.store("boot", new CachedWeave(NAME, Arrays.copyOf(ORIGINAL, 9), WOVEN, List.of()));

        assertNull(cache.stamped("boot", NAMES), "an entry rewritten since");
        cache.stamp("boot", NAMES, LACKING);
        assertEquals(LACKING, cache.stamped("boot", NAMES));
        Files.delete(cache.directory().resolve("boot-" + OTHER + ".woven"));
        assertNull(cache.stamped("boot", NAMES), "an entry gone");
    }

    @Test
    void aTamperedEntryBehindAValidStampIsStillNeverUsed() throws IOException {
        WeaveCache cache = stampedCache();
        Path entry = cache.directory().resolve("boot-" + NAME + ".woven");
        byte[] bytes = Files.readAllBytes(entry);
        int at = indexOf(bytes, ORIGINAL);
        bytes[at + ORIGINAL.length - 1] ^= 0x40; // the same size: the stamp cannot tell
        Files.write(entry, bytes);

        assertEquals(LACKING, cache.stamped("boot", NAMES));
        assertNull(cache.lookup("boot", NAME, ORIGINAL), "compared whole as the class loads");
        assertNotNull(cache.lookup("boot", OTHER, ORIGINAL));
    }

    @Test
    void aCorruptOrOthersStampIsNoStamp() throws IOException {
        WeaveCache cache = stampedCache();
        Path stamp = cache.directory().resolve(CacheStamp.FILE_NAME);
        byte[] whole = Files.readAllBytes(stamp);

        for (int length = 0; length < whole.length; length++) {
            Files.write(stamp, Arrays.copyOf(whole, length));
            assertNull(cache.stamped("boot", NAMES), "truncated to " + length);
        }
        Files.write(stamp, Arrays.copyOf(whole, whole.length + 1));
        assertNull(cache.stamped("boot", NAMES), "a byte too many");
        Files.write(stamp, whole);
        Files.setPosixFilePermissions(stamp, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertNull(cache.stamped("boot", NAMES), "writable by others");
        assertTrue(logged.toString(StandardCharsets.UTF_8).contains("writable by its group or others"));
    }

    @Test
    void aStampOfAnotherJdkOrAnotherBuildIsNoStamp() throws IOException {
        WeaveCache cache = stampedCache();
        Path stamp = cache.directory().resolve(CacheStamp.FILE_NAME);
        CacheStamp written = CacheStamp.parse(Files.readAllBytes(stamp));
        assertNotNull(written);
        assertEquals("build-1", written.build());
        assertEquals(CacheStamp.thisJdk(), written.jdk());

        for (CacheStamp other : List.of(
                new CacheStamp("build-2", written.jdk(), written.files(), written.sizes(), LACKING),
                new CacheStamp("build-1", written.jdk().replace(System.getProperty("java.runtime.version"), "99"),
                        written.files(), written.sizes(), LACKING),
                new CacheStamp("build-1", written.jdk() + "0", written.files(), written.sizes(), LACKING))) {
            Files.write(stamp, other.toBytes());
            assertNull(cache.stamped("boot", NAMES), other.toString());
        }
        Files.write(stamp, written.toBytes());
        assertEquals(LACKING, cache.stamped("boot", NAMES));
        assertNull(WeaveCache.open(temp.resolve("cache"), "build-2", true, log).stamped("boot", NAMES));
    }

    @Test
    void aTransformerTrustsAValidStampYetWeavesAnEntryThatNoLongerMatches() throws IOException {
        Path root = temp.resolve("real");
        FunnelCoverage cold = new FunnelCoverage();
        FunnelClassTransformer first = transformer(FunnelWeaving::withMissingMethodForTests, cold, root);
        assertNull(first.cachedLacking(), "a cold cache");
        first.cacheAhead();
        List<String> checked = transformer(FunnelWeaving::withMissingMethodForTests, new FunnelCoverage(), root)
                .cachedLacking();
        assertEquals(cold.missingMethods(), checked, "checked whole, then stamped");
        WeaveCache cache = WeaveCache.open(root, "build-1", true, log);
        Path entry = cache.directory().resolve("boot-" + OTHER + ".woven");
        byte[] bytes = Files.readAllBytes(entry);
        bytes[2 + "portwatch woven class 1".length() + 2 + OTHER.length() + 4 + 10] ^= 0x40; // in its original
        Files.write(entry, bytes);

        FunnelCoverage warm = new FunnelCoverage();
        FunnelClassTransformer stamped = transformer(() -> {
            throw new AssertionError("the weaving list was built");
        }, warm, root);
        assertEquals(checked, stamped.cachedLacking(), "from the stamp");
        byte[] tampered = stamped.transform(null, OTHER.replace('.', '/'), null, null, BootClassFiles.read(OTHER));
        byte[] intact = stamped.transform(null, NAME.replace('.', '/'), null, null, BootClassFiles.read(NAME));

        assertNull(tampered, "not taken from its entry: woven (here: failed, the weaving list refused)");
        assertEquals(1, warm.transformationErrors());
        assertNotNull(intact);
        assertEquals(Set.of(NAME), warm.transformedClasses());
        assertFalse(new CacheStamp("x", "y", List.of(), List.of(), List.of()).holdsFor("x", null, List.of(),
                List.of()), "no runtime image, no stamp");
    }

    private FunnelClassTransformer transformer(Supplier<List<WovenClass>> funnels, FunnelCoverage coverage,
                                               Path root) {
        return new FunnelClassTransformer(FunnelClassNames.JDK, FunnelClassNames.LIBRARY, funnels, coverage, log,
                WeaveCacheOnFirstUse.of(root, "build-1", true, log));
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(bytes, i, i + part.length), part)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
