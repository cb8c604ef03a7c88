package dev.portwatch.instrument;

import dev.portwatch.log.AgentLog;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The woven funnel classes of earlier runs, so that a JVM whose funnel classes are all here loads no Byte Buddy.
 * One directory per agent build and JDK (the key: {@link AgentBuild}'s identity, the JDK's home and version), one
 * file per class and kind of load in it: at most {@value #MAX_KEYS} such directories, the oldest pruned, so the
 * cache stays a few hundred kilobytes. An entry is used only if the bytes the JVM offers are, whole, the bytes it
 * was woven from; a corrupt, truncated or foreign entry is a miss. Every failure is a miss or a skipped write, never
 * an exception.
 */
final class WeaveCache {

    static final WeaveCache OFF = new WeaveCache(null, null, null);
    static final int MAX_KEYS = 8;
    /** Entries woven at most a few dozen times per run; more would be a bug, and memory stays bounded. */
    private static final int MAX_PENDING = 64;

    private final Path keyDirectory;
    private final CacheDirectory checker;
    private final AgentLog log;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean exitWrites = new AtomicBoolean();

    private record Pending(String kind, CachedWeave entry) {}

    private WeaveCache(Path keyDirectory, CacheDirectory checker, AgentLog log) {
        this.keyDirectory = keyDirectory;
        this.checker = checker;
        this.log = log;
    }

    /**
     * The cache in {@code root} for this agent build and JDK, created owner-only if missing; {@link #OFF} when
     * {@code root} is null, the build is unknown, or the directory may not be used: said in one line if
     * {@code chosen} (the user named it) or if someone else could write it, silently otherwise (no home, read-only).
     */
    static WeaveCache open(Path root, String build, boolean chosen, AgentLog log) {
        if (root == null || build == null) {
            return OFF;
        }
        CacheDirectory checker;
        Path keyDirectory;
        try {
            checker = CacheDirectory.ofThisUser();
            CacheDirectory.create(root);
        } catch (IOException | RuntimeException unusable) {
            if (chosen) {
                refuse(root, "cannot be created or its owner checked (" + unusable + ")", log);
            }
            return OFF;
        }
        String refusal = checker.refusal(root, true);
        if (refusal != null) {
            refuse(root, refusal, log);
            return OFF;
        }
        keyDirectory = root.resolve(key(build));
        try {
            if (!Files.isDirectory(keyDirectory, LinkOption.NOFOLLOW_LINKS)) {
                pruneOldKeys(root);
                CacheDirectory.create(keyDirectory);
            }
        } catch (IOException | RuntimeException unwritable) {
            if (chosen) {
                refuse(root, "cannot be written (" + unwritable + ")", log);
            }
            return OFF;
        }
        refusal = checker.refusal(keyDirectory, true);
        if (refusal != null) {
            refuse(keyDirectory, refusal, log);
            return OFF;
        }
        return new WeaveCache(keyDirectory, checker, log);
    }

    boolean enabled() {
        return keyDirectory != null;
    }

    /**
     * Whether an entry for this class and kind of load is there, unread: cheap enough for premain. The entry may
     * still be refused when read (another build's, a changed JDK); then the class is woven as it loads.
     */
    boolean holds(String kind, String className) {
        return keyDirectory != null
                && Files.exists(keyDirectory.resolve(fileName(kind, className)), LinkOption.NOFOLLOW_LINKS);
    }

    /** The entry for this class and kind of load if it was woven from exactly {@code offered}; else null. */
    CachedWeave lookup(String kind, String className, byte[] offered) {
        if (keyDirectory == null || offered == null) {
            return null;
        }
        Path file = keyDirectory.resolve(fileName(kind, className));
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            String refusal = checker.refusal(file, false);
            if (refusal != null) {
                refuse(file, refusal, log);
                return null;
            }
            if (Files.size(file) > 3L * CachedWeave.MAX_CLASS_FILE) {
                return null;
            }
            CachedWeave entry = CachedWeave.parse(className, read(file));
            return entry != null && Arrays.equals(entry.original(), offered) ? entry : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * The file's bytes through {@code java.io}: NIO's streams ({@code Files.readAllBytes}) load
     * {@code SocketChannelImpl} on JDK 25, which may be the very class being transformed.
     */
    private static byte[] read(Path file) throws IOException {
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            return in.readAllBytes();
        }
    }

    /** Writes the entry now, atomically: a reader sees the old file or the new one, never half of it. */
    void store(String kind, CachedWeave entry) {
        if (keyDirectory == null) {
            return;
        }
        Path temporary = null;
        try {
            temporary = Files.createTempFile(keyDirectory, "." + kind, ".tmp"); // owner-only on POSIX
            Files.write(temporary, entry.toBytes());
            Files.move(temporary, keyDirectory.resolve(fileName(kind, entry.className())),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException unwritable) {
            deleteQuietly(temporary);
        }
    }

    /**
     * Keeps the entry for {@link #flush}, for a weave on the application's thread (which should not wait for a
     * disk): the agent's start-up thread writes them, or the JVM's exit if that thread is done or never got to.
     */
    void storeLater(String kind, CachedWeave entry) {
        if (keyDirectory != null && pending.size() < MAX_PENDING) {
            pending.add(new Pending(kind, entry));
            writeAtExit();
        }
    }

    void flush() {
        for (Pending next = pending.poll(); next != null; next = pending.poll()) {
            store(next.kind(), next.entry());
        }
    }

    /**
     * Writes at the JVM's exit what was woven on the application's thread and is still pending (a few
     * milliseconds of writing; the exit never waits for a weave).
     */
    private void writeAtExit() {
        if (!exitWrites.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(this::flush, "portwatch-weave-cache"));
        } catch (IllegalStateException | SecurityException exiting) {
            // the JVM is exiting already: a later run weaves it again
        }
    }

    Path directory() {
        return keyDirectory;
    }

    /**
     * The key directory's name: another agent build or another JDK is another directory. The build's digest (from
     * the build) names it; the JDK only adds a hash, since an entry is used only for the very class file it was
     * woven from anyway. No {@code MessageDigest} here: on JDK 25 its first use reads the security properties
     * through NIO streams, which loads {@code SocketChannelImpl} before the transformer is registered.
     */
    static String key(String build) {
        String digest = build.length() >= 32 && lowerHex(build.substring(0, 32)) ? build.substring(0, 32) : "unknown";
        String all = String.join("\n", build, System.getProperty("java.home", ""),
                System.getProperty("java.vm.version", ""), System.getProperty("java.runtime.version", ""),
                System.getProperty("os.arch", ""));
        // Eight hex digits, as String.format("%08x") gave, without loading the Formatter at start.
        String hash = Integer.toHexString(all.hashCode());
        return digest + "-" + "00000000".substring(hash.length()) + hash;
    }

    /** Whether {@code text} is lower-case hexadecimal only (no regex: the start-up path stays off java.util.regex). */
    private static boolean lowerHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String fileName(String kind, String className) {
        return kind + "-" + className + ".woven";
    }

    /** Makes room for one more key directory: deletes the least recently created beyond {@value #MAX_KEYS}. */
    private static void pruneOldKeys(Path root) throws IOException {
        List<Path> keys = new ArrayList<>();
        try (DirectoryStream<Path> listed = Files.newDirectoryStream(root)) {
            for (Path candidate : listed) {
                if (Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)) {
                    keys.add(candidate);
                }
            }
        }
        if (keys.size() < MAX_KEYS) {
            return;
        }
        keys.sort(Comparator.comparing(WeaveCache::modified));
        for (Path old : keys.subList(0, keys.size() - MAX_KEYS + 1)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(old)) {
                for (Path file : files) {
                    deleteQuietly(file);
                }
            }
            deleteQuietly(old);
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException gone) {
            return FileTime.fromMillis(0);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            if (path != null) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | RuntimeException ignored) {
            // a leftover file is pruned with its directory
        }
    }

    private static void refuse(Path path, String reason, AgentLog log) {
        log.warn("weaveCache", "weaveCache " + path + " not used: it " + reason + "; the socket classes are woven "
                + "as without a cache");
    }
}
