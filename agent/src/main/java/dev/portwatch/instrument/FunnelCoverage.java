package dev.portwatch.instrument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the instrumentation really reached: which funnel classes were transformed, which expected methods a JDK
 * lacks, and how many transformations failed. Filled in by the transformer and Byte Buddy's listener.
 */
public final class FunnelCoverage {

    private final Set<String> transformed = ConcurrentHashMap.newKeySet();
    /** A set: both the start-up check and each transformation of a class report what it lacks. */
    private final Set<String> missingMethods = Collections.synchronizedSet(new LinkedHashSet<>());
    private final AtomicLong errors = new AtomicLong();

    void transformed(String className) {
        transformed.add(className);
    }

    void missing(WovenClass woven, WovenClass.Method method) {
        missing(woven.className() + "." + method.signature() + " (" + woven.covers() + ")");
    }

    /** A line of {@link #missingMethods()} as it was reported before: from the woven classes' cache. */
    void missing(String line) {
        missingMethods.add(line);
    }

    /** The lines of {@link #missingMethods()} about the JDK class {@code className}: what a cache entry keeps. */
    List<String> missingIn(String className) {
        String prefix = className + ".";
        List<String> lines = new ArrayList<>();
        synchronized (missingMethods) {
            for (String line : missingMethods) { // a loop, not a stream: it runs as a funnel class first loads
                if (line.startsWith(prefix)) {
                    lines.add(line);
                }
            }
        }
        return List.copyOf(lines);
    }

    void failed() {
        errors.incrementAndGet();
    }

    public boolean isTransformed(String className) {
        return transformed.contains(className);
    }

    public Set<String> transformedClasses() {
        return Set.copyOf(transformed);
    }

    /** Funnel methods not found on this JDK, each with the public APIs whose events are therefore lost. */
    public List<String> missingMethods() {
        synchronized (missingMethods) {
            return List.copyOf(missingMethods);
        }
    }

    public long transformationErrors() {
        return errors.get();
    }
}
