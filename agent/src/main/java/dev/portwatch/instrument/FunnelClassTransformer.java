package dev.portwatch.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.portwatch.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
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
 * Weaves each funnel's advice into its class as the JVM loads (or retransforms) it. Every other class costs one set
 * lookup of its name: the boot loader's funnel classes are the only ones looked at, and they are described from
 * their own class file bytes (never by reflection, which could load other JDK classes mid-transformation). Records
 * what it transformed and every expected method this JDK does not have.
 */
final class FunnelClassTransformer implements ClassFileTransformer {

    private final Map<String, WovenClass> byInternalName = new HashMap<>();
    private final FunnelCoverage coverage;
    private final AgentLog log;
    /** Changes no class format: no added members or initializers, as retransformation requires. */
    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(Implementation.Context.Disabled.Factory.INSTANCE)
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);

    FunnelClassTransformer(List<WovenClass> classes, FunnelCoverage coverage, AgentLog log) {
        for (WovenClass woven : classes) {
            byInternalName.put(woven.className().replace('.', '/'), woven);
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

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        if (loader != null || internalName == null) {
            return null; // the funnels are all classes of the boot loader
        }
        WovenClass woven = byInternalName.get(internalName);
        if (woven == null) {
            return null;
        }
        String name = woven.className();
        try {
            byte[] bytes = weave(woven, classFile, ClassFileLocator.ForClassLoader.ofBootLoader());
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
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(woven.className(), classFile), loaderClasses);
        TypePool pool = TypePool.Default.WithLazyResolution.of(locator);
        TypeDescription type = pool.describe(woven.className()).resolve();
        DynamicType.Builder<?> builder = byteBuddy.redefine(type, locator);
        for (WovenClass.Method method : woven.methods()) {
            Advice.WithCustomMapping mapping = mappingFor(woven, method, type);
            if (mapping == null) {
                coverage.missing(woven, method);
                continue;
            }
            builder = builder.visit(mapping.to(method.advice()).on(method.matcher()));
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
