package dev.portwatch.agent;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Whether this JVM's own options forbid what {@code attach <pid> port=} needs: attaching, or loading an agent once
 * running. The agent tells a user whose endpoint port was taken to attach with another port only where that can
 * work; elsewhere it says why not.
 */
final class AttachRefusal {

    static final String ATTACH_DISABLED = "-XX:+DisableAttachMechanism";
    static final String DYNAMIC_LOADING_DISABLED = "-XX:-EnableDynamicAgentLoading";

    private AttachRefusal() {}

    /** The JVM option that forbids a later attach of portwatch, or null when none does (the last of a flag wins). */
    static String flag(List<String> jvmArguments) {
        boolean attachDisabled = false;
        boolean dynamicLoadingDisabled = false;
        for (String argument : jvmArguments) {
            switch (argument) {
                case ATTACH_DISABLED -> attachDisabled = true;
                case "-XX:-DisableAttachMechanism" -> attachDisabled = false;
                case DYNAMIC_LOADING_DISABLED -> dynamicLoadingDisabled = true;
                case "-XX:+EnableDynamicAgentLoading" -> dynamicLoadingDisabled = false;
                default -> { }
            }
        }
        return attachDisabled ? ATTACH_DISABLED : dynamicLoadingDisabled ? DYNAMIC_LOADING_DISABLED : null;
    }

    /** How to start the endpoint on another port: by attaching, unless this JVM's options forbid that. */
    static String anotherPort() {
        String refusal;
        try {
            refusal = flag(ManagementFactory.getRuntimeMXBean().getInputArguments());
        } catch (LinkageError | RuntimeException noManagementModule) {
            refusal = null; // attaching needs no module in this JVM: it stays possible
        }
        return refusal == null ? "; to start it on another port, run: java -jar portwatch-agent.jar attach "
                + ProcessHandle.current().pid() + " port=<port> (0: any free port)"
                : "; this JVM forbids attaching (" + refusal + "), so another port needs a restart with port=";
    }
}
