package dev.portwatch.access;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongBiFunction;
import java.util.function.ToLongFunction;

/**
 * The agent's one way into JDK internals ({@code java.net}'s and {@code sun.nio.ch}'s private fields, the internal
 * {@code Unsafe} that defines the bridge on the boot loader, the performance data, the direct memory figures):
 * lookups handed out, the bridge defined and the figures read by {@link PrivateLookups}, a class defined in a class
 * loader of its own.
 *
 * <p>Why not open those packages to the agent's classes directly: the agent's classes are loaded by the class
 * path's loader, so their module is the application's unnamed module, and every class of the host application
 * would be granted what the agent needs ({@code jdk.internal.misc.Unsafe} among it). Opened to a module that only
 * {@link PrivateLookups} is in, nothing of the application sees more with the agent than without it.
 */
public final class JdkAccess {

    /** The packages of {@code java.base} the agent reads into. */
    private static final String[] PACKAGES = {"java.net", "sun.nio.ch", "jdk.internal.misc", "jdk.internal.perf"};
    /**
     * The package of {@code jdk.management} whose diagnostic-command bean runs a command in process without the JMX
     * server; opened only when the runtime has that module (a trimmed image may not).
     */
    private static final String MANAGEMENT_MODULE = "jdk.management";
    private static final String MANAGEMENT_PACKAGE = "com.sun.management.internal";
    private static final String LOOKUPS = "dev.portwatch.access.PrivateLookups";
    /** Its field reader, a class of the same loader: defined with it, as that loader finds no class itself. */
    private static final String FIELD_READ = LOOKUPS + "$FieldRead";

    private static volatile Function<Class<?>, MethodHandles.Lookup> lookups;
    private static volatile BiConsumer<String, byte[]> bootDefiner;
    private static volatile ToLongFunction<String> figures;
    private static volatile BiPredicate<String, String> perfStrings;
    private static volatile ToLongBiFunction<Class<?>, String> fieldOffsets;
    private static volatile LongFunction<Function<Object, Object>> fieldReads;

    /**
     * The names of the JDK's figures that {@link PrivateLookups} reads. Constants, so compiled into it as they are:
     * that class, in a loader whose parent is the boot loader, never links to this one.
     */
    static final String MAX_DIRECT_MEMORY = "maxDirectMemory";
    static final String DIRECT_MEMORY_USED = "directMemoryUsed";

    private JdkAccess() {}

    /**
     * Defines {@link PrivateLookups} in a loader of its own and opens {@link #PACKAGES} (and
     * {@link #MANAGEMENT_PACKAGE}) to its module only. Once per JVM; a second attach finds it done.
     */
    public static synchronized void grant(Instrumentation instrumentation) throws ClassNotFoundException,
            IOException {
        if (lookups != null) {
            return;
        }
        OwnLoader loader = new OwnLoader();
        byte[][] classes = classBytes();
        Class<?> defined = loader.define(LOOKUPS, classes[0]);
        loader.define(FIELD_READ, classes[1]);
        Module own = defined.getModule();
        Map<String, Set<Module>> opens = new HashMap<>();
        for (String name : PACKAGES) {
            opens.put(name, Set.of(own));
        }
        instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(), opens, Set.of(), Map.of());
        Module management = ModuleLayer.boot().findModule(MANAGEMENT_MODULE).orElse(null);
        if (management != null) {
            instrumentation.redefineModule(management, Set.of(), Map.of(), Map.of(MANAGEMENT_PACKAGE, Set.of(own)),
                    Set.of(), Map.of());
        }
        // Initialized, the class hands itself to its loader (see PrivateLookups' static initializer).
        Class.forName(LOOKUPS, true, loader);
        Object made = loader.made;
        if (made == null) {
            throw new IllegalStateException(LOOKUPS + " did not initialize");
        }
        @SuppressWarnings("unchecked")
        BiConsumer<String, byte[]> definer = (BiConsumer<String, byte[]>) made;
        @SuppressWarnings("unchecked")
        Function<Class<?>, MethodHandles.Lookup> granted = (Function<Class<?>, MethodHandles.Lookup>) made;
        @SuppressWarnings("unchecked")
        ToLongFunction<String> read = (ToLongFunction<String>) made;
        @SuppressWarnings("unchecked")
        BiPredicate<String, String> publish = (BiPredicate<String, String>) made;
        @SuppressWarnings("unchecked")
        ToLongBiFunction<Class<?>, String> offsets = (ToLongBiFunction<Class<?>, String>) made;
        @SuppressWarnings("unchecked")
        LongFunction<Function<Object, Object>> reads = (LongFunction<Function<Object, Object>>) made;
        fieldOffsets = offsets;
        fieldReads = reads;
        perfStrings = publish;
        bootDefiner = definer;
        figures = read;
        lookups = granted;
    }

    /**
     * A private lookup in {@code target}. Without {@link #grant} (a unit test's JVM, where the build opens those
     * packages to the class path itself) the lookup is this class's own.
     */
    public static MethodHandles.Lookup in(Class<?> target) throws IllegalAccessException {
        Function<Class<?>, MethodHandles.Lookup> granted = lookups;
        if (granted == null) {
            return MethodHandles.privateLookupIn(target, MethodHandles.lookup());
        }
        MethodHandles.Lookup lookup = granted.apply(target);
        if (lookup == null) {
            throw new IllegalAccessException(target.getName() + "'s package is not open to portwatch");
        }
        return lookup;
    }

    /**
     * Defines {@code bytes} as the class {@code name} on the boot loader (in its unnamed module), through the JDK's
     * internal {@code Unsafe} called from {@link PrivateLookups}' module; only after {@link #grant}.
     */
    public static Class<?> defineOnBootLoader(String name, byte[] bytes) throws ClassNotFoundException {
        BiConsumer<String, byte[]> definer = bootDefiner;
        if (definer == null) {
            throw new IllegalStateException("the JDK's packages are not open to portwatch yet");
        }
        definer.accept(name, bytes);
        return Class.forName(name, false, null);
    }

    /**
     * The JDK's direct memory limit in bytes ({@code -XX:MaxDirectMemorySize}, the heap's maximum when unset), or -1
     * when it cannot be read. Never throws.
     */
    public static long maxDirectMemory() {
        return DirectMemoryFigures.read(figures, MAX_DIRECT_MEMORY);
    }

    /** The direct memory the JDK has reserved for buffers now, in bytes, or -1 when unknown. Never throws. */
    public static long directMemoryUsed() {
        return DirectMemoryFigures.read(figures, DIRECT_MEMORY_USED);
    }

    /**
     * Publishes the constant string {@code name} in the JVM's performance data, called directly from
     * {@link PrivateLookups} (no method handle); false when refused, or before {@link #grant}. Never throws.
     */
    public static boolean publishPerfString(String name, String value) {
        BiPredicate<String, String> publish = perfStrings;
        return publish != null && publish.test(name, value);
    }

    /**
     * A reader of the reference field {@code name} of {@code owner}'s instances, {@code Unsafe} called directly from
     * {@link PrivateLookups} (no method handle); null before {@link #grant}. The caller hands it nothing but
     * instances of {@code owner}. Throws when there is no such field.
     */
    public static Function<Object, Object> referenceField(Class<?> owner, String name) {
        ToLongBiFunction<Class<?>, String> offsets = fieldOffsets;
        LongFunction<Function<Object, Object>> reads = fieldReads;
        return offsets == null || reads == null ? null : reads.apply(offsets.applyAsLong(owner, name));
    }

    /**
     * {@link #LOOKUPS}' and {@link #FIELD_READ}'s class files, from the agent's jar itself ({@link AgentJar}: no
     * search of the runtime image while the JVM starts).
     */
    private static byte[][] classBytes() throws IOException {
        String[] entries = {LOOKUPS.replace('.', '/') + ".class", FIELD_READ.replace('.', '/') + ".class"};
        byte[][] bytes = AgentJar.read(JdkAccess.class, entries, Integer.MAX_VALUE);
        for (int i = 0; i < entries.length; i++) {
            if (bytes[i] == null) {
                throw new IOException("missing " + entries[i] + " in the agent jar");
            }
        }
        return bytes;
    }

    /** Defines the one class whose module the JDK's packages are opened to; its parent is the boot loader. */
    private static final class OwnLoader extends ClassLoader implements Consumer<Object> {
        /** What {@link PrivateLookups} handed over as it initialized; read by {@link #grant} alone. */
        private Object made;

        OwnLoader() {
            super("portwatch-jdk-access", null);
        }

        @Override
        public void accept(Object handedOver) {
            if (made == null) {
                made = handedOver;
            }
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
