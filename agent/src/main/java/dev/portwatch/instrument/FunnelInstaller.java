package dev.portwatch.instrument;

import dev.portwatch.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Installs the advice into the JDK's socket funnel classes, in two steps.
 *
 * <p>{@link #installTransformer()}, on the thread that starts the JVM: registers a transformer that weaves the
 * funnels as they load, and weaves at once any funnel class already loaded (none on JDK 17 and 25 when nothing ran
 * before the agent). From then on no socket class loads unwoven, however early the application opens a socket.
 * It loads no Byte Buddy class unless it has to weave right there.
 *
 * <p>{@link #complete()}, on the agent's own start-up thread (when the agent started with the JVM, after it has
 * left the cores to the application's start-up a while: until then each funnel class is woven as it loads): unless
 * the woven classes' cache holds every one, weaves the common funnel classes ahead of their first load (so the
 * application's thread finds them ready instead of loading and running Byte Buddy itself), then checks
 * that every funnel class loaded by now was really transformed: a class loaded while another transformation ran can
 * escape it, so any such class is retransformed once, and anything still missing is said in one line. It also checks
 * that every funnel class and method exists on this JDK (most funnel classes load only when the application opens
 * its first socket), and says in one line which do not.
 *
 * <p>A plain {@link java.lang.instrument.ClassFileTransformer} with a set lookup of eight names (and, outside the
 * boot loader, a check of the name's end against three of Netty's), rather than Byte Buddy's {@code AgentBuilder}:
 * Byte Buddy's agent machinery is never loaded, only its class-file weaving
 * (docs/benchmarks.md).
 */
public final class FunnelInstaller {

    private final Instrumentation instrumentation;
    private final AgentLog log;
    private final FunnelCoverage coverage = new FunnelCoverage();
    private final boolean withMissingMethodForTests;
    private final Path weaveCache;
    private final boolean weaveCacheChosen;
    private FunnelClassTransformer transformer;
    /** Where the transformer is held when premain registered a gate for it; null: registered itself. */
    private TransformerSlot slot;

    public FunnelInstaller(Instrumentation instrumentation, AgentLog log) {
        this(instrumentation, log, false, null, false);
    }

    /**
     * {@code withMissingMethodForTests}: a test-only fault switch, see {@link FunnelWeaving#withMissingMethodForTests}.
     * {@code weaveCache}: the directory of the woven classes' cache (null: none); {@code weaveCacheChosen} when the
     * user named it, so that it is worth a line if it cannot be used.
     */
    public FunnelInstaller(Instrumentation instrumentation, AgentLog log, boolean withMissingMethodForTests,
                           Path weaveCache, boolean weaveCacheChosen) {
        this.instrumentation = instrumentation;
        this.log = log;
        this.withMissingMethodForTests = withMissingMethodForTests;
        this.weaveCache = weaveCache;
        this.weaveCacheChosen = weaveCacheChosen;
    }

    /** Both steps on the calling thread. */
    public FunnelCoverage install() {
        installTransformer();
        complete();
        return coverage;
    }

    /** The first step: the transformer, and the weaving of funnel classes already loaded. */
    public FunnelCoverage installTransformer() {
        return installTransformer(null);
    }

    /**
     * The first step, the transformer held by {@code slot} (registered with retransformation already; null: the
     * transformer registers itself, then the funnel classes loaded unwoven are retransformed at once). With a slot
     * this may run inside a class's load, on the thread that loads it, where the JVM hands no class to a
     * transformer: whoever holds the slot calls {@link #retransformUnwoven} once that load is over.
     */
    public FunnelCoverage installTransformer(TransformerSlot slot) {
        String build = AgentBuild.identity();
        // The fault switch changes what the coverage reports, so its weaves are kept apart.
        // Opened (its directories checked) by the agent's thread or the first funnel class, not here: see the class.
        WeaveCacheOnFirstUse cache = WeaveCacheOnFirstUse.of(weaveCache, build == null || !withMissingMethodForTests
                ? build : build + " with a missing method", weaveCacheChosen, log);
        transformer = new FunnelClassTransformer(FunnelClassNames.JDK, FunnelClassNames.LIBRARY,
                new WeavingList(withMissingMethodForTests), coverage, log, cache);
        this.slot = slot;
        if (slot != null) {
            slot.hold(transformer);
            return coverage;
        }
        instrumentation.addTransformer(transformer, true);
        retransformUnwoven();
        return coverage;
    }

    /** Weaves the funnel classes loaded unwoven (before the transformer was there, or past a wait for it). */
    public void retransformUnwoven() {
        retransform(loadedFunnels(transformer.classNames(), true));
    }

    /**
     * Whether the classes every application's first sockets load are in the woven classes' cache: then a socket
     * opened before {@link #complete} costs its thread a cached class, not Byte Buddy's cold weave.
     */
    public boolean commonClassesCached() {
        return transformer != null && transformer.cacheHolds(FunnelClassNames.COMMON);
    }

    /** The second step, off the application's start-up path: see the class comment. */
    public void complete() {
        List<String> cachedLacking;
        try {
            // Null unless every JDK funnel class is in the woven classes' cache: then Byte Buddy is never loaded.
            cachedLacking = transformer.cachedLacking();
            // With every class in the cache, each comes from it as it loads (compared whole): nothing to weave ahead.
            if (cachedLacking == null) {
                transformer.warmUp();
                Set<String> loaded = new java.util.HashSet<>();
                for (Class<?> funnel : loadedFunnels(transformer.classNames(), false)) {
                    loaded.add(funnel.getName());
                }
                for (String common : FunnelClassNames.COMMON) {
                    if (!loaded.contains(common)) {
                        transformer.prepare(common);
                    }
                }
                transformer.cacheAhead();
            }
            retransformLoaded();
        } finally {
            transformer.flushCache();
        }
        warnAboutGaps(cachedLacking != null);
    }

    private List<WovenClass> funnels() {
        return new WeavingList(withMissingMethodForTests).get();
    }

    /**
     * The weaving list, built when the transformer first needs it (it loads Byte Buddy's matchers). A class rather
     * than a method reference: this is handed over while the JVM starts, where each lambda costs a spun class.
     */
    private record WeavingList(boolean withMissingMethodForTests) implements Supplier<List<WovenClass>> {
        @Override
        public List<WovenClass> get() {
            return withMissingMethodForTests ? FunnelWeaving.withMissingMethodForTests() : FunnelWeaving.ALL;
        }
    }

    /** Undoes the instrumentation (tests, and a future "off" switch). */
    public boolean reset() {
        if (transformer == null) {
            return false;
        }
        if (slot != null) {
            slot.hold(null);
        } else if (!instrumentation.removeTransformer(transformer)) {
            return false;
        }
        transformer.forgetPrepared();
        List<Class<?>> funnels = loadedFunnels(transformer.classNames(), false);
        try {
            if (!funnels.isEmpty()) {
                instrumentation.retransformClasses(funnels.toArray(new Class<?>[0]));
            }
            return true;
        } catch (UnmodifiableClassException | RuntimeException e) {
            return false;
        }
    }

    /** Retransforms the funnel classes already loaded, then once more any that escaped (loaded meanwhile). */
    private void retransformLoaded() {
        Set<String> names = transformer.classNames();
        retransform(loadedFunnels(names, true));
        retransform(loadedFunnels(names, true));
    }

    private void retransform(List<Class<?>> classes) {
        if (classes.isEmpty()) {
            return;
        }
        try {
            instrumentation.retransformClasses(classes.toArray(new Class<?>[0]));
        } catch (UnmodifiableClassException | RuntimeException e) {
            coverage.failed();
        }
    }

    /**
     * The funnel classes loaded now, the JDK's and the libraries' (Netty already loaded when the agent is attached
     * late); only those not yet transformed when {@code untransformedOnly}.
     */
    private List<Class<?>> loadedFunnels(Set<String> names, boolean untransformedOnly) {
        List<Class<?>> found = new ArrayList<>();
        Class<?>[] all = instrumentation.getAllLoadedClasses();
        if (all == null) {
            return found; // the JVM is exiting: JVMTI answers nothing in its last phase
        }
        for (Class<?> loaded : all) {
            String name = loaded.getName();
            boolean funnel = loaded.getClassLoader() == null ? names.contains(name)
                    : transformer.isLibraryClass(name);
            if (funnel && !(untransformedOnly && coverage.isTransformed(name))) {
                found.add(loaded);
            }
        }
        return found;
    }

    /** {@code fromCache}: the coverage holds what the cache says every JDK funnel class lacks. */
    private void warnAboutGaps(boolean fromCache) {
        // A loop, not a stream with a method reference: on the agent's thread at every start, each would spin a class.
        StringBuilder stillMissed = new StringBuilder();
        for (Class<?> missed : loadedFunnels(transformer.classNames(), true)) {
            stillMissed.append(stillMissed.length() == 0 ? "" : ", ").append(missed.getName());
        }
        if (stillMissed.length() > 0) {
            log.warn("coverage", "these JDK socket classes are loaded but not instrumented, so their sockets are "
                    + "not recorded: " + stillMissed);
        }
        if (fromCache) {
            warnAboutMissing(coverage.missingMethods());
        } else {
            reportMissingFunnels();
        }
    }

    /**
     * Checks every funnel class of this JDK against what portwatch expects, whether the class is loaded yet or not:
     * the class files are read from the boot loader without loading them. Says in one line what is missing.
     */
    private void reportMissingFunnels() {
        List<String> missingClasses = new ArrayList<>();
        TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.ofBootLoader());
        for (WovenClass woven : funnels()) {
            if (woven.library()) {
                continue; // checked as each copy of the library loads, wherever it is
            }
            TypePool.Resolution resolution = pool.describe(woven.className());
            if (!resolution.isResolved()) {
                missingClasses.add(woven.className() + " (" + woven.covers() + ")");
                continue;
            }
            TypeDescription type = resolution.resolve();
            for (WovenClass.Method method : woven.methods()) {
                if (type.getDeclaredMethods().filter(method.matcher()).isEmpty()) {
                    coverage.missing(woven, method);
                }
            }
        }
        List<String> missing = new ArrayList<>(missingClasses);
        missing.addAll(coverage.missingMethods());
        warnAboutMissing(missing);
    }

    private void warnAboutMissing(List<String> missing) {
        if (!missing.isEmpty()) {
            log.warn("missing-funnels", "this JDK lacks " + missing.size() + " socket class(es) or method(s) "
                    + "portwatch instruments, so some events are not recorded: " + String.join("; ", missing));
        }
    }
}
