package dev.portwatch.instrument;

import dev.portwatch.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
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

    private final Map<String, Funnel> byInternalName = new HashMap<>();
    private final FunnelCoverage coverage;
    private final AgentLog log;
    /** Changes no class format: no added members or initializers, as retransformation requires. */
    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(Implementation.Context.Disabled.Factory.INSTANCE)
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);

    FunnelClassTransformer(List<Funnel> funnels, FunnelCoverage coverage, AgentLog log) {
        for (Funnel funnel : funnels) {
            byInternalName.put(funnel.className().replace('.', '/'), funnel);
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
        Funnel funnel = byInternalName.get(internalName);
        if (funnel == null) {
            return null;
        }
        String name = funnel.className();
        try {
            byte[] woven = weave(funnel, classFile);
            coverage.transformed(name);
            return woven;
        } catch (Throwable t) {
            coverage.failed();
            log.warn("transform:" + name, "could not instrument " + name + " (" + t
                    + "); its sockets are not recorded");
            return null;
        }
    }

    private byte[] weave(Funnel funnel, byte[] classFile) {
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(funnel.className(), classFile),
                ClassFileLocator.ForClassLoader.ofBootLoader());
        TypePool pool = TypePool.Default.WithLazyResolution.of(locator);
        TypeDescription type = pool.describe(funnel.className()).resolve();
        DynamicType.Builder<?> builder = byteBuddy.redefine(type, locator);
        for (Funnel.Method method : funnel.methods()) {
            if (type.getDeclaredMethods().filter(method.matcher()).isEmpty()) {
                coverage.missing(funnel, method);
                continue;
            }
            builder = builder.visit(Advice.withCustomMapping()
                    .bind(FunnelId.class, funnel.funnelId())
                    .to(method.advice())
                    .on(method.matcher()));
        }
        return builder.make(pool).getBytes();
    }
}
