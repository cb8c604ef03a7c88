package dev.portwatch.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.portwatch.log.AgentLog;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Weaves a funnel's advice into its class file with Byte Buddy's {@link Advice}, run as an ASM class visitor. The
 * class is described from its own bytes (never by reflection, which could load other JDK classes mid-transformation).
 * The first weave loads Byte Buddy, which is why the transformer weaves only when a funnel class is first loaded, or
 * the agent's start-up thread does ahead of that.
 */
final class FunnelWeaver {

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
        AsmVisitorWrapper.ForDeclaredMethods advice = new AsmVisitorWrapper.ForDeclaredMethods();
        for (WovenClass.Method method : woven.methods()) {
            Advice.WithCustomMapping mapping = mappingFor(woven, method, type);
            if (mapping == null) {
                lacking.add(method);
                continue;
            }
            advice = advice.invokable(method.matcher(), mapping.to(method.advice()));
        }
        return visit(type, classFile, pool, advice, woven.taps());
    }

    /**
     * Runs the class file through the taps' and the advice's visitors and nothing else: no added members or
     * initializers, as retransformation requires, and none of Byte Buddy's type builder, which the advice does not
     * need.
     */
    private static byte[] visit(TypeDescription type, byte[] classFile, TypePool pool,
                                AsmVisitorWrapper.ForDeclaredMethods advice, List<CallTap> taps) {
        int readerFlags = advice.mergeReader(0);
        int writerFlags = advice.mergeWriter(0);
        ClassReader reader = OpenedClassReader.of(classFile);
        ClassWriter writer = new ClassWriter(reader, writerFlags);
        ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
        // As Byte Buddy's own class writer chooses: the advice expands the frames it reads, and writes them so.
        Implementation.Context.FrameGeneration frames = (readerFlags & ClassReader.EXPAND_FRAMES) != 0
                ? Implementation.Context.FrameGeneration.EXPAND : Implementation.Context.FrameGeneration.GENERATE;
        // Disabled: the advice may add no auxiliary type, accessor or initializer (none to name, hence null).
        Implementation.Context context = Implementation.Context.Disabled.Factory.INSTANCE.make(type, null,
                TypeInitializer.None.INSTANCE, version, version, frames);
        ClassVisitor visitor = advice.wrap(type, writer, context, pool, type.getDeclaredFields(),
                type.getDeclaredMethods(), writerFlags, readerFlags);
        for (CallTap tap : taps) {
            visitor = tap.visitor(visitor); // first, so the advice sees the tapped code and sizes its stack on it
        }
        reader.accept(visitor, readerFlags);
        return writer.toByteArray();
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
