package dev.portwatch.instrument;

import dev.portwatch.log.AgentLog;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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

    static final WeaveCache OFF = new WeaveCache(null, null, null, null);
    static final int MAX_KEYS = 8;
    /** Entries woven at most a few dozen times per run; more would be a bug, and memory stays bounded. */
    private static final int MAX_PENDING = 64;

    /** No stamp comes near this: a few dozen names, sizes and lines. */
    private static final long MAX_STAMP = 1 << 16;

    private final Path keyDirectory;
    private final String build;
    private final CacheDirectory checker;
    private final AgentLog log;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean exitWrites = new AtomicBoolean();

    private record Pending(String kind, CachedWeave entry) {}

    private WeaveCache(Path keyDirectory, String build, CacheDirectory checker, AgentLog log) {
        this.keyDirectory = keyDirectory;
        this.build = build;
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
                CacheKeys.pruneOldest(root, MAX_KEYS);
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
        return new WeaveCache(keyDirectory, build, checker, log);
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
        byte[] file = readOwned(keyDirectory.resolve(fileName(kind, className)), 3L * CachedWeave.MAX_CLASS_FILE);
        CachedWeave entry = file == null ? null : CachedWeave.parse(className, file);
        return entry != null && Arrays.equals(entry.original(), offered) ? entry : null;
    }

    /**
     * The lines these classes' entries of {@code kind} lack, if the {@link CacheStamp} says that this build checked
     * each whole against this JDK's class file and that none changed since (its size); else null: check them one by
     * one. Reads one small file, not the entries.
     */
    List<String> stamped(String kind, Collection<String> classNames) {
        if (keyDirectory == null) {
            return null;
        }
        byte[] file = readOwned(keyDirectory.resolve(CacheStamp.FILE_NAME), MAX_STAMP);
        CacheStamp stamp = file == null ? null : CacheStamp.parse(file);
        List<String> files = fileNames(kind, classNames);
        return stamp != null && stamp.holdsFor(build, CacheStamp.thisJdk(), files, sizes(files))
                ? stamp.lacking() : null;
    }

    /** Stamps these classes' entries of {@code kind} as they are now; only once each was checked whole. */
    void stamp(String kind, Collection<String> classNames, List<String> lacking) {
        String jdk = CacheStamp.thisJdk();
        if (keyDirectory != null && jdk != null) {
            List<String> files = fileNames(kind, classNames);
            write(CacheStamp.FILE_NAME, new CacheStamp(build, jdk, files, sizes(files), lacking).toBytes());
        }
    }

    private static List<String> fileNames(String kind, Collection<String> classNames) {
        List<String> files = new ArrayList<>();
        for (String className : classNames) {
            files.add(fileName(kind, className));
        }
        files.sort(null);
        return files;
    }

    /** Each file's size, 0 if it is missing (through {@code java.io}: a stat each, no NIO attribute classes). */
    private List<Long> sizes(List<String> files) {
        List<Long> sizes = new ArrayList<>(files.size());
        for (String name : files) {
            sizes.add(keyDirectory.resolve(name).toFile().length());
        }
        return sizes;
    }

    /** The file's bytes if it is there, no link, this user's alone and at most {@code max} long; else null. */
    private byte[] readOwned(Path file, long max) {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            String refusal = checker.refusal(file, false);
            if (refusal != null) {
                refuse(file, refusal, log);
                return null;
            }
            return Files.size(file) > max ? null : read(file);
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
        if (keyDirectory != null) {
            write(fileName(kind, entry.className()), entry.toBytes());
        }
    }

    private void write(String name, byte[] bytes) {
        Path temporary = null;
        try {
            temporary = Files.createTempFile(keyDirectory, ".", ".tmp"); // owner-only on POSIX
            // java.io, as read: NIO's Files.write goes through a temporary direct buffer the entry's size, taken
            // from the application's -XX:MaxDirectMemorySize (a System.gc() when that is short).
            try (FileOutputStream out = new FileOutputStream(temporary.toFile())) {
                out.write(bytes);
            }
            Files.move(temporary, keyDirectory.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException unwritable) {
            CacheKeys.deleteQuietly(temporary);
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

    private static void refuse(Path path, String reason, AgentLog log) {
        log.warn("weaveCache", "weaveCache " + path + " not used: it " + reason + "; the socket classes are woven "
                + "as without a cache");
    }
}
