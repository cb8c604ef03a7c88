package dev.portwatch.instrument;

import dev.portwatch.funnel.Funnel;
import dev.portwatch.funnel.RelocatedNames;
import dev.portwatch.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Weaves each funnel's advice into its class as the JVM loads (or retransforms) it. Every other class costs a name
 * check: a set lookup for the boot loader's classes, and for any other loader's a comparison of the name's end with
 * the few library funnel classes (Netty's sockets, under any relocated package) — nothing more when Netty is absent.
 * Records what it transformed and every expected method a JDK or library does not have.
 *
 * <p>Installing it loads no Byte Buddy class: the weaving list and the {@link FunnelWeaver} are built when first
 * needed. The agent's start-up thread builds them early and weaves the common JDK funnel classes ahead of their
 * first load ({@link #prepare}); when the JVM then loads one with the very bytes that were woven, the transformer
 * answers with the prepared result, and the application's thread runs no Byte Buddy code at all. Any other bytes
 * (another agent changed them, a retransformation) are woven on the spot.
 *
 * <p>With a {@link WeaveCache}, a JDK funnel class woven by an earlier run of the same agent build on the same JDK,
 * from the very same bytes, is taken from it instead, and reported to the coverage as its weave was: when every
 * JDK funnel class is there, nothing loads Byte Buddy at all.
 */
final class FunnelClassTransformer implements ClassFileTransformer {

    private final Set<String> jdkInternalNames = new HashSet<>();
    /** The ends of the library classes' internal names ({@code io/netty/channel/unix/Socket}). */
    private final List<String> libraryInternalNames;
    private final Supplier<List<WovenClass>> funnels;
    private final FunnelCoverage coverage;
    private final AgentLog log;
    private final WeaveCacheOnFirstUse cache;
    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();
    private volatile Weaving weaving;

    /**
     * The weaving list by internal name (a library class's: the end of its name), the weaver, and the check that
     * weaves Netty's io_uring classes all or none, per copy (half of them would make half rows).
     */
    private record Weaving(Map<String, WovenClass> byInternalName, FunnelWeaver weaver, IoUringCopyCheck ioUring) {}

    /** A class file as the boot loader holds it, and the same woven. */
    private record Prepared(byte[] original, byte[] woven) {}

    /** The cache's kinds of load: a class file the JVM read, or one it gave back for a retransformation. */
    private static final String LOADED = "boot";
    private static final String REDEFINED = "boot-redefined";

    FunnelClassTransformer(Set<String> jdkClassNames, List<String> libraryClassNames,
                           Supplier<List<WovenClass>> funnels, FunnelCoverage coverage, AgentLog log,
                           WeaveCacheOnFirstUse cache) {
        for (String name : jdkClassNames) {
            jdkInternalNames.add(name.replace('.', '/'));
        }
        List<String> libraryNames = new ArrayList<>();
        for (String name : libraryClassNames) {
            libraryNames.add(name.replace('.', '/'));
        }
        this.libraryInternalNames = List.copyOf(libraryNames);
        this.funnels = funnels;
        this.coverage = coverage;
        this.log = log;
        this.cache = cache;
    }

    /** The binary names of the JDK classes this transformer weaves into. */
    Set<String> classNames() {
        Set<String> names = new HashSet<>();
        for (String internalName : jdkInternalNames) {
            names.add(internalName.replace('/', '.'));
        }
        return names;
    }

    /** The library funnel class this class of a non-boot loader is, under whatever package; null if none. */
    private String libraryClass(String internalName) {
        for (String library : libraryInternalNames) {
            if (RelocatedNames.isRelocated(internalName, library, '/')) {
                return library;
            }
        }
        return null;
    }

    /** Whether the class of this binary name, of a non-boot loader, is a library funnel class. */
    boolean isLibraryClass(String binaryName) {
        return libraryClass(binaryName.replace('.', '/')) != null;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        if (internalName == null) {
            return null;
        }
        // The JDK's funnels are all classes of the boot loader; the libraries' are never.
        String funnel = loader == null ? (jdkInternalNames.contains(internalName) ? internalName : null)
                : libraryClass(internalName);
        if (funnel == null) {
            return null;
        }
        String name = internalName.replace('/', '.');
        try {
            String kind = classBeingRedefined == null ? LOADED : REDEFINED;
            byte[] bytes = loader == null ? takePrepared(internalName, classFile) : null;
            if (bytes == null && loader == null) {
                bytes = fromCache(kind, name, classFile);
            }
            if (bytes == null) {
                Weaving now = weaving();
                WovenClass woven = now.byInternalName().get(funnel);
                if (woven.funnel() == Funnel.NETTY_IO_URING && !now.ioUring().matches(loader, name, woven)) {
                    coverage.transformed(name); // left alone on purpose, and said so once for the whole copy
                    return null;
                }
                bytes = now.weaver().weaveIn(loader, woven, name, classFile);
                if (loader == null && cache.get().enabled()) {
                    cache.get().storeLater(kind, new CachedWeave(name, classFile, bytes, coverage.missingIn(name)));
                }
            }
            coverage.transformed(name);
            return bytes;
        } catch (Throwable t) {
            coverage.failed();
            log.warn("transform:" + name, "could not instrument " + name + " (" + t
                    + "); its sockets are not recorded");
            return null;
        }
    }

    /**
     * Weaves the JDK class {@code className} from the boot loader's class file now, so that its first load finds it
     * woven. Loads Byte Buddy on the calling thread: the agent's own, never the application's.
     */
    void prepare(String className) {
        String internalName = className.replace('.', '/');
        byte[] original = jdkInternalNames.contains(internalName) ? BootClassFiles.read(className) : null;
        if (original == null) {
            return;
        }
        byte[] woven = fromCache(LOADED, className, original);
        prepared.put(internalName, new Prepared(original, woven != null ? woven : weaveIntoCache(className, original)));
    }

    /** Whether the cache has an entry for each of these JDK classes as the boot loader holds them (files unread). */
    boolean cacheHolds(List<String> classNames) {
        for (String className : classNames) {
            if (!cache.get().holds(LOADED, className)) {
                return false;
            }
        }
        return true;
    }

    /**
     * What the cache holds for every JDK funnel class as the boot loader holds it, reported to the coverage: the
     * lines of the methods they lack; null if any of them is not in the cache (or there is no cache). The cache's
     * stamp answers when it holds (one small file); else each entry is read and compared whole with the JDK's class
     * file, and the stamp written for the next run. Either way each class is compared whole again as it loads.
     */
    List<String> cachedLacking() {
        if (!cache.get().enabled()) {
            return null;
        }
        Set<String> names = classNames();
        List<String> lacking = cache.get().stamped(LOADED, names);
        if (lacking == null) {
            lacking = new ArrayList<>();
            for (String className : names) {
                CachedWeave entry = cache.get().lookup(LOADED, className, BootClassFiles.read(className));
                if (entry == null) {
                    return null;
                }
                lacking.addAll(entry.lacking());
            }
            cache.get().stamp(LOADED, names, lacking);
        }
        reportMissing(lacking);
        return lacking;
    }

    /**
     * Weaves into the cache each JDK funnel class that is not there yet, loaded or not, so that the next run finds
     * all of them. On the agent's thread: it loads Byte Buddy.
     */
    void cacheAhead() {
        if (!cache.get().enabled()) {
            return;
        }
        cache.get().flush();
        for (String className : classNames()) {
            byte[] original = BootClassFiles.read(className);
            if (original != null && cache.get().lookup(LOADED, className, original) == null) {
                weaveIntoCache(className, original);
            }
        }
    }

    /** Writes what was woven on other threads since the last time (see {@link WeaveCache#storeLater}). */
    void flushCache() {
        cache.get().flush();
    }

    /**
     * Weaves every JDK funnel class into the cache, for a load and for a retransformation (whose class file is the
     * same on JDK 17 and 25), whatever it held: {@link WeaveCacheFill}.
     */
    void fillCache() {
        List<String> lacking = new ArrayList<>();
        for (String className : classNames()) {
            byte[] original = BootClassFiles.read(className);
            if (original == null) {
                coverage.failed();
                continue;
            }
            byte[] woven = weaveIntoCache(className, original);
            lacking.addAll(coverage.missingIn(className));
            cache.get().store(REDEFINED, new CachedWeave(className, original, woven, coverage.missingIn(className)));
        }
        if (coverage.transformationErrors() == 0) {
            cache.get().stamp(LOADED, classNames(), lacking);
        }
    }

    /** The cached weave of these bytes, its lacking methods reported as a weave would; null if not cached. */
    private byte[] fromCache(String kind, String className, byte[] classFile) {
        CachedWeave entry = cache.get().lookup(kind, className, classFile);
        if (entry == null) {
            return null;
        }
        reportMissing(entry.lacking());
        return entry.woven();
    }

    /** A loop, not {@code forEach(coverage::missing)}: it runs as the first socket class loads, where that spins. */
    private void reportMissing(List<String> lacking) {
        for (String line : lacking) {
            coverage.missing(line);
        }
    }

    private byte[] weaveIntoCache(String className, byte[] original) {
        Weaving now = weaving();
        byte[] woven = now.weaver().weaveBootClass(now.byInternalName().get(className.replace('.', '/')), original);
        cache.get().store(LOADED, new CachedWeave(className, original, woven, coverage.missingIn(className)));
        return woven;
    }

    /** Builds the weaving list and the weaver (loading Byte Buddy) if no one has yet. */
    void warmUp() {
        weaving();
    }

    /** Forgets what was prepared and not used (the class was loaded before, or never will be). */
    void forgetPrepared() {
        prepared.clear();
    }

    private byte[] takePrepared(String internalName, byte[] classFile) {
        Prepared ready = prepared.remove(internalName);
        return ready != null && Arrays.equals(ready.original(), classFile) ? ready.woven() : null;
    }

    private Weaving weaving() {
        Weaving built = weaving;
        if (built == null) {
            synchronized (this) {
                built = weaving;
                if (built == null) {
                    Map<String, WovenClass> byInternalName = new HashMap<>();
                    List<WovenClass> list = funnels.get();
                    for (WovenClass woven : list) {
                        byInternalName.put(woven.className().replace('.', '/'), woven);
                    }
                    FunnelWeaver weaver = new FunnelWeaver(coverage, log);
                    built = new Weaving(byInternalName, weaver,
                            new IoUringCopyCheck(list, weaver::dryWeave, log));
                    weaving = built;
                }
            }
        }
        return built;
    }
}
