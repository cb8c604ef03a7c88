package dev.portwatch.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;

import dev.portwatch.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the advice into the JDK's socket funnel classes with Byte Buddy, then checks that every funnel class
 * already loaded was really transformed: a class loaded while a transformation runs can escape it silently, so
 * any such class is retransformed once, and anything still missing is said in one line. It also checks, once at
 * start, that every funnel class and method exists on this JDK, and says in one line which do not.
 */
public final class FunnelInstaller {

    private final Instrumentation instrumentation;
    private final AgentLog log;
    private final FunnelCoverage coverage = new FunnelCoverage();
    private final List<Funnel> funnels;
    private ResettableClassFileTransformer transformer;

    public FunnelInstaller(Instrumentation instrumentation, AgentLog log) {
        this(instrumentation, log, false);
    }

    /** {@code withMissingMethodForTests}: a test-only fault switch, see {@link Funnels#withMissingMethodForTests}. */
    public FunnelInstaller(Instrumentation instrumentation, AgentLog log, boolean withMissingMethodForTests) {
        this.instrumentation = instrumentation;
        this.log = log;
        this.funnels = withMissingMethodForTests ? Funnels.withMissingMethodForTests() : Funnels.ALL;
    }

    public FunnelCoverage install() {
        AgentBuilder.Identified.Extendable builder = null;
        AgentBuilder base = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                // The default (HYBRID) describes loaded classes by reflection, which on JDK 25 loads
                // java.net.Socket in the middle of a retransformation and so lets it escape instrumentation.
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(new CoverageListener())
                // Byte Buddy ignores boot classes by default; the funnels are all boot classes.
                .ignore(none());
        for (Funnel funnel : funnels) {
            builder = (builder == null ? base.type(named(funnel.className()))
                    : builder.type(named(funnel.className())))
                    .transform(new FunnelTransformer(funnel, coverage));
        }
        transformer = builder.installOn(instrumentation);
        retransformMissed();
        reportMissingFunnels();
        return coverage;
    }

    /** Undoes the instrumentation (tests, and a future "off" switch). */
    public boolean reset() {
        return transformer != null
                && transformer.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
    }

    private void retransformMissed() {
        Set<String> funnelNames = funnels.stream().map(Funnel::className).collect(Collectors.toSet());
        List<Class<?>> missed = new ArrayList<>();
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            if (funnelNames.contains(loaded.getName()) && !coverage.isTransformed(loaded.getName())) {
                missed.add(loaded);
            }
        }
        if (!missed.isEmpty()) {
            try {
                instrumentation.retransformClasses(missed.toArray(new Class<?>[0]));
            } catch (UnmodifiableClassException | RuntimeException e) {
                coverage.failed();
            }
        }
        List<String> stillMissed = missed.stream().map(Class::getName)
                .filter(name -> !coverage.isTransformed(name)).toList();
        if (!stillMissed.isEmpty()) {
            log.warn("coverage", "these JDK socket classes are loaded but not instrumented, so their sockets are "
                    + "not recorded: " + String.join(", ", stillMissed));
        }
    }

    /**
     * Checks every funnel class of this JDK against what portwatch expects, whether the class is loaded yet or not
     * (most are loaded only when the application opens its first socket, long after this runs): the class files
     * are read from the boot loader without loading them. Says in one line what is missing.
     */
    private void reportMissingFunnels() {
        List<String> missingClasses = new ArrayList<>();
        TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.ofBootLoader());
        for (Funnel funnel : funnels) {
            TypePool.Resolution resolution = pool.describe(funnel.className());
            if (!resolution.isResolved()) {
                missingClasses.add(funnel.className() + " (" + funnel.covers() + ")");
                continue;
            }
            TypeDescription type = resolution.resolve();
            for (Funnel.Method method : funnel.methods()) {
                if (type.getDeclaredMethods().filter(method.matcher()).isEmpty()) {
                    coverage.missing(funnel, method);
                }
            }
        }
        List<String> missing = new ArrayList<>(missingClasses);
        missing.addAll(coverage.missingMethods());
        if (!missing.isEmpty()) {
            log.warn("missing-funnels", "this JDK lacks " + missing.size() + " socket class(es) or method(s) "
                    + "portwatch instruments, so some events are not recorded: " + String.join("; ", missing));
        }
    }

    /** Records what Byte Buddy transformed and counts (and reports) what it failed to. */
    private final class CoverageListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onTransformation(TypeDescription type, ClassLoader classLoader, JavaModule module,
                                     boolean loaded, DynamicType dynamicType) {
            coverage.transformed(type.getName());
        }

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            coverage.failed();
            log.warn("transform:" + typeName, "could not instrument " + typeName + " (" + throwable
                    + "); its sockets are not recorded");
        }
    }
}
