package dev.portwatch.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.portwatch.log.AgentLog;
import java.util.ArrayList;
import java.util.List;
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
 * Weaves a funnel's advice into its class file with Byte Buddy. The class is described from its own bytes (never by
 * reflection, which could load other JDK classes mid-transformation). Creating one loads Byte Buddy, which is why
 * the transformer creates it only when a funnel class is first woven, or the agent's start-up thread does ahead of
 * that.
 */
final class FunnelWeaver {

    /** Changes no class format: no added members or initializers, as retransformation requires. */
    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(Implementation.Context.Disabled.Factory.INSTANCE)
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);
    private final FunnelCoverage coverage;
    private final AgentLog log;

    FunnelWeaver(FunnelCoverage coverage, AgentLog log) {
        this.coverage = coverage;
        this.log = log;
    }

    /** Weaves the advice of {@code woven} into its class file; {@code loaderClasses} finds the types it refers to. */
    byte[] weave(WovenClass woven, byte[] classFile, ClassFileLocator loaderClasses) {
        return weave(woven, woven.className(), classFile, loaderClasses);
    }

    /** {@link #weave(WovenClass, byte[], ClassFileLocator)} of a class named {@code name} (a relocated library's). */
    byte[] weave(WovenClass woven, String name, byte[] classFile, ClassFileLocator loaderClasses) {
        List<WovenClass.Method> lacking = new ArrayList<>();
        byte[] bytes = weave(woven, name, classFile, loaderClasses, lacking);
        for (WovenClass.Method method : lacking) {
            coverage.missing(woven, method);
        }
        if (woven.library() && !lacking.isEmpty()) {
            List<String> signatures = new ArrayList<>();
            for (WovenClass.Method method : lacking) {
                signatures.add(method.signature());
            }
            log.warn("library:" + name, name + " is of a version portwatch does not know (it lacks "
                    + String.join(", ", signatures) + "): some of its sockets' events are not recorded; the "
                    + "kernel's view still lists them");
        }
        return bytes;
    }

    /** Weaves a class only to learn what it lacks, or fails: what weaving it for real would find. */
    List<WovenClass.Method> dryWeave(WovenClass woven, String name, byte[] classFile,
                                     ClassFileLocator loaderClasses) {
        List<WovenClass.Method> lacking = new ArrayList<>();
        weave(woven, name, classFile, loaderClasses, lacking);
        return lacking;
    }

    /** Weaves what it can, adding to {@code lacking} the methods the class does not have. */
    private byte[] weave(WovenClass woven, String name, byte[] classFile, ClassFileLocator loaderClasses,
                         List<WovenClass.Method> lacking) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                loaderClasses);
        TypePool pool = TypePool.Default.WithLazyResolution.of(locator);
        TypeDescription type = pool.describe(name).resolve();
        DynamicType.Builder<?> builder = byteBuddy.redefine(type, locator);
        for (WovenClass.Method method : woven.methods()) {
            Advice.WithCustomMapping mapping = mappingFor(woven, method, type);
            if (mapping == null) {
                lacking.add(method);
                continue;
            }
            builder = builder.visit(mapping.to(method.advice()).on(method.matcher()));
        }
        return builder.make(pool).getBytes();
    }

    /** Weaves the class {@code name} that {@code loader} (null: the boot loader) is defining. */
    byte[] weaveIn(ClassLoader loader, WovenClass woven, String name, byte[] classFile) {
        return weave(woven, name, classFile, loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader()
                : ClassFileLocator.ForClassLoader.of(loader));
    }

    /** Weaves a funnel class of the boot loader, whose other classes it may refer to. */
    byte[] weaveBootClass(WovenClass woven, byte[] classFile) {
        return weave(woven, classFile, ClassFileLocator.ForClassLoader.ofBootLoader());
    }

    /** The class file of a boot loader class as the JVM would read it, without loading the class; null if none. */
    static byte[] bootClassFile(String className) {
        try {
            ClassFileLocator.Resolution found = ClassFileLocator.ForClassLoader.ofBootLoader().locate(className);
            return found.isResolved() ? found.resolve() : null;
        } catch (java.io.IOException unreadable) {
            return null;
        }
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
