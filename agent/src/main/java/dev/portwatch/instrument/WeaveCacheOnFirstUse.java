package dev.portwatch.instrument;

import dev.portwatch.log.AgentLog;
import java.nio.file.Path;

/**
 * The woven classes' cache, opened when first used rather than while the JVM starts: opening it creates its
 * directories if missing and checks their owner and permissions, a dozen NIO classes (user principals, POSIX
 * attribute views) and a few milliseconds that a program opening no socket before the agent's thread wakes need not
 * spend on its main thread. The first user is the agent's thread (whether the common classes are cached decides
 * its wait) or the first funnel class's load, whichever comes first; no entry is read before the check.
 */
final class WeaveCacheOnFirstUse {

    private final Path root;
    private final String build;
    private final boolean chosen;
    private final AgentLog log;
    private volatile WeaveCache cache;
    /** The thread opening it, while it does: a class its opening loads finds no cache rather than recursing. */
    private Thread opening;

    private WeaveCacheOnFirstUse(Path root, String build, boolean chosen, AgentLog log, WeaveCache cache) {
        this.root = root;
        this.build = build;
        this.chosen = chosen;
        this.log = log;
        this.cache = cache;
    }

    /** The cache in {@code root} for this build, opened as {@link WeaveCache#open} does when first used. */
    static WeaveCacheOnFirstUse of(Path root, String build, boolean chosen, AgentLog log) {
        return new WeaveCacheOnFirstUse(root, build, chosen, log, null);
    }

    /** A cache opened already. */
    static WeaveCacheOnFirstUse opened(WeaveCache cache) {
        return new WeaveCacheOnFirstUse(null, null, false, null, cache);
    }

    WeaveCache get() {
        WeaveCache opened = cache;
        return opened != null ? opened : open();
    }

    private synchronized WeaveCache open() {
        WeaveCache opened = cache;
        if (opened != null) {
            return opened;
        }
        if (opening == Thread.currentThread()) {
            return WeaveCache.OFF; // a funnel class loaded by the opening itself: woven as without a cache
        }
        opening = Thread.currentThread();
        try {
            opened = WeaveCache.open(root, build, chosen, log);
            cache = opened;
            return opened;
        } finally {
            opening = null;
        }
    }
}
