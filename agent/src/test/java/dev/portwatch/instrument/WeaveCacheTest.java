package dev.portwatch.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portwatch.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WeaveCacheTest {

    private static final String NAME = "sun.nio.ch.NioSocketImpl";
    private static final byte[] ORIGINAL = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 1, 2, 3};
    private static final byte[] WOVEN = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 4, 5, 6, 7};
    private static final CachedWeave ENTRY = new CachedWeave(NAME, ORIGINAL, WOVEN, List.of("a line", "another"));

    @TempDir
    Path temp;
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final AgentLog log = new AgentLog(new PrintStream(logged, true, StandardCharsets.UTF_8));

    private WeaveCache open(Path root) {
        return WeaveCache.open(root, "build-1", true, log);
    }

    private List<String> lines() {
        return logged.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void anEntryIsFoundForTheVeryBytesItWasWovenFrom() throws IOException {
        Path root = temp.resolve("new/cache");
        open(root).store("boot", ENTRY);

        CachedWeave found = open(root).lookup("boot", NAME, ORIGINAL.clone());

        assertNotNull(found);
        assertArrayEquals(WOVEN, found.woven());
        assertEquals(ENTRY.lacking(), found.lacking());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
        assertEquals(List.of(), lines());
    }

    @Test
    void otherBytesAnotherKindAnotherClassOrAnotherBuildAreMisses() {
        Path root = temp.resolve("cache");
        WeaveCache cache = open(root);
        cache.store("boot", ENTRY);
        byte[] changed = ORIGINAL.clone();
        changed[6]++;

        assertNull(cache.lookup("boot", NAME, changed));
        assertNull(cache.lookup("boot", NAME, Arrays.copyOf(ORIGINAL, 6)));
        assertNull(cache.lookup("boot", NAME, Arrays.copyOf(ORIGINAL, 8)));
        assertNull(cache.lookup("boot-redefined", NAME, ORIGINAL));
        assertNull(cache.lookup("boot", "sun.nio.ch.SocketChannelImpl", ORIGINAL));
        assertNull(WeaveCache.open(root, "build-2", true, log).lookup("boot", NAME, ORIGINAL));
        assertNotNull(cache.lookup("boot", NAME, ORIGINAL));
    }

    @Test
    void aCorruptTruncatedOrForeignEntryIsAMiss() throws IOException {
        WeaveCache cache = open(temp.resolve("cache"));
        cache.store("boot", ENTRY);
        Path file = onlyEntry(cache);
        byte[] whole = Files.readAllBytes(file);

        for (int length = 0; length < whole.length; length++) {
            Files.write(file, Arrays.copyOf(whole, length));
            assertNull(cache.lookup("boot", NAME, ORIGINAL), "truncated to " + length);
        }
        Files.write(file, Arrays.copyOf(whole, whole.length + 1));
        assertNull(cache.lookup("boot", NAME, ORIGINAL), "a byte too many");
        byte[] flipped = whole.clone();
        flipped[3] ^= 0x20;
        Files.write(file, flipped);
        assertNull(cache.lookup("boot", NAME, ORIGINAL), "another magic");
        Files.write(file, new CachedWeave("sun.nio.ch.Other", ORIGINAL, WOVEN, List.of()).toBytes());
        assertNull(cache.lookup("boot", NAME, ORIGINAL), "another class's entry");
        byte[] huge = whole.clone();
        int originalLengthAt = 2 + "portwatch woven class 1".length() + 2 + NAME.length();
        huge[originalLengthAt] = 0x7f;
        Files.write(file, huge);
        assertNull(cache.lookup("boot", NAME, ORIGINAL), "a length beyond the file");
        assertEquals(List.of(), lines());
    }

    @Test
    void onFirstUseTheCacheIsOpenedAndCheckedAtTheFirstCallOnly() throws IOException {
        Path root = temp.resolve("later/cache");
        WeaveCacheOnFirstUse cache = WeaveCacheOnFirstUse.of(root, "build-1", true, log);
        assertFalse(Files.exists(root), "nothing created before the first use");

        WeaveCache opened = cache.get();

        assertTrue(opened.enabled());
        assertSame(opened, cache.get());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));

        Path shared = Files.createDirectory(temp.resolve("shared-later"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwx---"));
        WeaveCacheOnFirstUse refused = WeaveCacheOnFirstUse.of(shared, "build-1", true, log);
        assertEquals(List.of(), lines(), "nothing said before the first use");
        assertSame(WeaveCache.OFF, refused.get());
        assertEquals(1, lines().size(), lines().toString());
    }

    @Test
    void aGroupWritableDirectoryIsRefusedInOneLine() throws IOException {
        Path root = Files.createDirectory(temp.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwx---"));

        assertSame(WeaveCache.OFF, open(root));

        assertEquals(List.of("portwatch: weaveCache " + root + " not used: it is writable by its group or others "
                + "(chmod go-w, or 700 for a directory); the socket classes are woven as without a cache"), lines());
    }

    @Test
    void aFileOthersCanWriteIsNotUsed() throws IOException {
        WeaveCache cache = open(temp.resolve("cache"));
        cache.store("boot", ENTRY);
        Files.setPosixFilePermissions(onlyEntry(cache), PosixFilePermissions.fromString("rw-rw-rw-"));

        assertNull(cache.lookup("boot", NAME, ORIGINAL));

        assertEquals(1, lines().size(), lines().toString());
        assertTrue(lines().get(0).contains("it is writable by its group or others"), lines().toString());
        cache.store("boot", ENTRY);
        assertNotNull(cache.lookup("boot", NAME, ORIGINAL), "a new entry replaces it, owner-only");
    }

    @Test
    void aDirectoryOrFileOfAnotherUserIsRefused() throws IOException {
        String other = "nobody".equals(System.getProperty("user.name")) ? "root" : "nobody";
        CacheDirectory checker = new CacheDirectory(FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByName(other));
        Path file = Files.writeString(temp.resolve("entry"), "x");

        assertEquals("is owned by " + Files.getOwner(temp).getName() + ", not by " + other,
                checker.refusal(temp, true));
        assertEquals("is owned by " + Files.getOwner(file).getName() + ", not by " + other,
                checker.refusal(file, false));
        assertEquals("is not a directory", CacheDirectory.ofThisUser().refusal(file, true));
        assertEquals("is a symbolic link", CacheDirectory.ofThisUser()
                .refusal(Files.createSymbolicLink(temp.resolve("link"), temp), true));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aDirectoryThatCannotBeCreatedIsNoCacheSaidOnlyIfChosen(boolean chosen) throws IOException {
        Path underAFile = Files.writeString(temp.resolve("file"), "x").resolve("cache");

        assertSame(WeaveCache.OFF, WeaveCache.open(underAFile, "build-1", chosen, log));
        assertSame(WeaveCache.OFF, WeaveCache.open(null, "build-1", true, log));
        assertSame(WeaveCache.OFF, WeaveCache.open(temp, null, true, log));

        assertEquals(chosen ? 1 : 0, lines().size(), lines().toString());
        WeaveCache.OFF.store("boot", ENTRY);
        assertNull(WeaveCache.OFF.lookup("boot", NAME, ORIGINAL));
    }

    @Test
    void aNewBuildPrunesTheOldestBuildsBeyondTheLimit() throws IOException {
        Path root = temp.resolve("cache");
        for (int build = 0; build < WeaveCache.MAX_KEYS; build++) {
            WeaveCache cache = WeaveCache.open(root, "build-" + build, true, log);
            cache.store("boot", ENTRY);
            Files.setLastModifiedTime(cache.directory(), FileTime.fromMillis(1_000_000L * (build + 1)));
        }
        Path oldest = WeaveCache.open(root, "build-0", true, log).directory();

        WeaveCache newest = WeaveCache.open(root, "build-new", true, log);

        try (Stream<Path> keys = Files.list(root)) {
            assertEquals(WeaveCache.MAX_KEYS, keys.count());
        }
        assertFalse(Files.exists(oldest));
        assertTrue(Files.isDirectory(newest.directory()));
        assertNotNull(WeaveCache.open(root, "build-1", true, log).lookup("boot", NAME, ORIGINAL));
    }

    @Test
    void entriesWovenOnTheApplicationsThreadAreWrittenWhenFlushed() {
        WeaveCache cache = open(temp.resolve("cache"));
        cache.storeLater("boot-redefined", ENTRY);

        assertNull(cache.lookup("boot-redefined", NAME, ORIGINAL));
        cache.flush();
        assertNotNull(cache.lookup("boot-redefined", NAME, ORIGINAL));
    }

    @Test
    void theBuildsIdentityIsTheDigestTheBuildWrote() {
        String identity = AgentBuild.identity();

        assertNotNull(identity, "the build writes " + AgentBuild.RESOURCE + " (agent/pom.xml, weave-build)");
        assertTrue(identity.matches("[0-9a-f]{64} byte-buddy \\d+\\.\\d+\\.\\d+"), identity);
    }

    @Test
    void theBootClassFileIsTheOneByteBuddyReads() {
        for (String name : FunnelClassNames.JDK) {
            assertArrayEquals(FunnelWeaver.bootClassFile(name), BootClassFiles.read(name), name);
        }
        assertNull(BootClassFiles.read("sun.nio.ch.NoSuchClass"));
    }

    @Test
    void aTransformerWithEveryFunnelCachedNeverBuildsItsWeaving() {
        Path root = temp.resolve("cache");
        FunnelCoverage cold = new FunnelCoverage();
        FunnelClassTransformer first = transformer(() -> FunnelWeaving.withMissingMethodForTests(), cold, root);
        assertNull(first.cachedLacking());
        first.prepare("sun.nio.ch.SocketChannelImpl");
        first.cacheAhead();
        first.flushCache();

        FunnelCoverage warm = new FunnelCoverage();
        FunnelClassTransformer second = transformer(() -> {
            throw new AssertionError("the weaving list was built");
        }, warm, root);
        List<String> lacking = second.cachedLacking();
        second.prepare("sun.nio.ch.SocketChannelImpl");
        byte[] original = BootClassFiles.read("sun.nio.ch.SocketChannelImpl");
        byte[] woven = second.transform(null, "sun/nio/ch/SocketChannelImpl", null, null, original);
        byte[] async = second.transform(null, "sun/nio/ch/UnixAsynchronousSocketChannelImpl", null, null,
                BootClassFiles.read("sun.nio.ch.UnixAsynchronousSocketChannelImpl"));

        assertEquals(cold.missingMethods(), lacking);
        assertEquals(1, lacking.size(), lacking.toString());
        assertTrue(lacking.get(0).startsWith("sun.nio.ch.SocketChannelImpl." + FunnelWeaving.MISSING_METHOD_FOR_TESTS),
                lacking.toString());
        assertEquals(cold.missingMethods(), warm.missingMethods());
        assertArrayEquals(new FunnelWeaver(new FunnelCoverage(), log).weaveBootClass(FunnelWeaving.ALL.get(1),
                original), woven);
        assertNotNull(async);
        assertEquals(Set.of("sun.nio.ch.SocketChannelImpl", "sun.nio.ch.UnixAsynchronousSocketChannelImpl"),
                warm.transformedClasses());
        assertEquals(0, warm.transformationErrors());
    }

    private FunnelClassTransformer transformer(java.util.function.Supplier<List<WovenClass>> funnels,
                                               FunnelCoverage coverage, Path root) {
        return new FunnelClassTransformer(FunnelClassNames.JDK, FunnelClassNames.LIBRARY, funnels, coverage, log,
                WeaveCacheOnFirstUse.of(root, "build-1", true, log));
    }

    private static Path onlyEntry(WeaveCache cache) throws IOException {
        try (Stream<Path> files = Files.list(cache.directory())) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }
}
