package dev.portwatch.instrument;

import dev.portwatch.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Fills the woven classes' cache on purpose, for the JDK running it ({@code java -jar portwatch-agent.jar
 * weave-cache}, in a container image's build, say): a JVM's own start never waits for Byte Buddy to fill it, so a
 * program that ends within a second may never get there by itself.
 */
public final class WeaveCacheFill {

    private WeaveCacheFill() {}

    /**
     * Weaves every JDK funnel class of this JDK into the cache in {@code directory}; returns the cache's directory
     * for this agent build and JDK. Throws {@link IllegalStateException} with the one-line reason it cannot.
     */
    public static Path fill(Path directory) {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        AgentLog log = new AgentLog(new PrintStream(said, true, StandardCharsets.UTF_8));
        String build = AgentBuild.identity();
        if (build == null) {
            throw new IllegalStateException("this build of portwatch has no " + AgentBuild.RESOURCE
                    + ", so it cannot key a cache");
        }
        WeaveCache cache = WeaveCache.open(directory, build, true, log);
        if (!cache.enabled()) {
            throw new IllegalStateException(said.toString(StandardCharsets.UTF_8).strip()
                    .replaceFirst("^portwatch: ", ""));
        }
        FunnelCoverage coverage = new FunnelCoverage();
        new FunnelClassTransformer(FunnelClassNames.JDK, FunnelClassNames.LIBRARY, () -> FunnelWeaving.ALL,
                coverage, log, WeaveCacheOnFirstUse.opened(cache)).fillCache();
        if (coverage.transformationErrors() > 0) {
            throw new IllegalStateException("could not weave every socket class into " + cache.directory());
        }
        return cache.directory();
    }
}
