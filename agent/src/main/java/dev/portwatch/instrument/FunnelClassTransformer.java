package dev.portwatch.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.portwatch.funnel.Funnel;
import dev.portwatch.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves each funnel's advice into its class as the JVM loads (or retransforms) it. Every other class costs a name
 * check: a set lookup for the boot loader's classes, and for any other loader's a comparison of the name's end with
 * the few library funnel classes (Netty's sockets, under any relocated package) — nothing more when Netty is absent.
 * Classes are described from their own class file bytes (never by reflection, which could load other classes
 * mid-transformation). Records what it transformed and every expected method a JDK or library does not have; a
 * library class that lacks some is named in one warning line.
 */
final class FunnelClassTransformer implements ClassFileTransformer {

    private final Map<String, WovenClass> byInternalName = new HashMap<>();
    /** The library classes, with the ends of their internal names ({@code io/netty/channel/unix/Socket}). */
    private final List<WovenClass> libraryClasses = new ArrayList<>();
    private final List<String> libraryInternalNames = new ArrayList<>();
    private final FunnelCoverage coverage;
    private final AgentLog log;
    /** Changes no class format: no added members or initializers, as retransformation requires. */
    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(Implementation.Context.Disabled.Factory.INSTANCE)
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);

    FunnelClassTransformer(List<WovenClass> classes, FunnelCoverage coverage, AgentLog log) {
        for (WovenClass woven : classes) {
            if (woven.library()) {
                libraryClasses.add(woven);
                libraryInternalNames.add(woven.className().replace('.', '/'));
            } else {
                byInternalName.put(woven.className().replace('.', '/'), woven);
            }
        }
        this.coverage = coverage;
        this.log = log;
    }

    /** The binary names of the classes this transformer weaves into. */
    Set<String> classNames() {
        Set<String> names = new java.util.HashSet<>();
        for (String internalName : byInternalName.keySet()) {
            names.add(internalName.replace('/', '.'));
        }
        return names;
    }

    /** The library funnel class this class of a non-boot loader is, under whatever package; null if none. */
    private WovenClass libraryClass(String internalName) {
        for (int i = 0; i < libraryInternalNames.size(); i++) {
            if (Funnel.isRelocated(internalName, libraryInternalNames.get(i), '/')) {
                return libraryClasses.get(i);
            }
        }
        return null;
    }

    /** Whether the class of this binary name, of a non-boot loader, is a library funnel class. */
    boolean isLibraryClass(String binaryName) {
        for (WovenClass woven : libraryClasses) {
            if (Funnel.isRelocated(binaryName, woven.className(), '.')) {
                return true;
            }
        }
        return false;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        if (internalName == null) {
            return null;
        }
        // The JDK's funnels are all classes of the boot loader; the libraries' are never.
        WovenClass woven = loader == null ? byInternalName.get(internalName) : libraryClass(internalName);
        if (woven == null) {
            return null;
        }
        String name = internalName.replace('/', '.');
        try {
            byte[] bytes = weave(woven, name, classFile, loader == null
                    ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
            coverage.transformed(name);
            return bytes;
        } catch (Throwable t) {
            coverage.failed();
            log.warn("transform:" + name, "could not instrument " + name + " (" + t
                    + "); its sockets are not recorded");
            return null;
        }
    }

    /** Weaves the advice of {@code woven} into its class file; {@code loaderClasses} finds the types it refers to. */
    byte[] weave(WovenClass woven, byte[] classFile, ClassFileLocator loaderClasses) {
        return weave(woven, woven.className(), classFile, loaderClasses);
    }

    /** {@link #weave(WovenClass, byte[], ClassFileLocator)} of a class named {@code name} (a relocated library's). */
    private byte[] weave(WovenClass woven, String name, byte[] classFile, ClassFileLocator loaderClasses) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                loaderClasses);
        TypePool pool = TypePool.Default.WithLazyResolution.of(locator);
        TypeDescription type = pool.describe(name).resolve();
        DynamicType.Builder<?> builder = byteBuddy.redefine(type, locator);
        List<String> lacking = new ArrayList<>();
        for (WovenClass.Method method : woven.methods()) {
            Advice.WithCustomMapping mapping = mappingFor(woven, method, type);
            if (mapping == null) {
                coverage.missing(woven, method);
                lacking.add(method.signature());
                continue;
            }
            builder = builder.visit(mapping.to(method.advice()).on(method.matcher()));
        }
        if (woven.library() && !lacking.isEmpty()) {
            log.warn("library:" + name, name + " is of a version portwatch does not know (it lacks "
                    + String.join(", ", lacking) + "): some of its sockets' events are not recorded; the kernel's "
                    + "view still lists them");
        }
        return builder.make(pool).getBytes();
    }

    /** What is bound into the method's advice; null when this JDK lacks the method or a field its advice reads. */
    private static Advice.WithCustomMapping mappingFor(WovenClass woven, WovenClass.Method method,
                                                       TypeDescription type) {
        if (type.getDeclaredMethods().filter(method.matcher()).isEmpty()) {
            return null;
        }
        Advice.WithCustomMapping mapping = Advice.withCustomMapping()
                .bind(FunnelId.class, woven.funnel().id())
                .bind(Inbound.class, method.inbound());
        if (method.pendingFutureField() == null) {
            return mapping;
        }
        FieldList<FieldDescription.InDefinedShape> field =
                type.getDeclaredFields().filter(named(method.pendingFutureField()));
        return field.isEmpty() ? null : mapping.bind(PendingFuture.class, field.getOnly());
    }
}
