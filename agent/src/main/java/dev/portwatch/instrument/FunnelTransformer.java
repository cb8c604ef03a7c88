package dev.portwatch.instrument;

import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/** Weaves a funnel's advice into its class, and records every expected method this JDK does not have. */
final class FunnelTransformer implements AgentBuilder.Transformer {

    private final Funnel funnel;
    private final FunnelCoverage coverage;

    FunnelTransformer(Funnel funnel, FunnelCoverage coverage) {
        this.funnel = funnel;
        this.coverage = coverage;
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                            ClassLoader classLoader, JavaModule module,
                                            ProtectionDomain protectionDomain) {
        DynamicType.Builder<?> woven = builder;
        for (Funnel.Method method : funnel.methods()) {
            if (type.getDeclaredMethods().filter(method.matcher()).isEmpty()) {
                coverage.missing(funnel, method);
                continue;
            }
            woven = woven.visit(Advice.withCustomMapping()
                    .bind(FunnelId.class, funnel.funnelId())
                    .to(method.advice())
                    .on(method.matcher()));
        }
        return woven;
    }
}
