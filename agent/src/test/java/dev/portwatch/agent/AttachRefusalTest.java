package dev.portwatch.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttachRefusalTest {

    @Test
    void aJvmThatAllowsAttachingHasNoRefusal() {
        assertNull(AttachRefusal.flag(List.of()));
        assertNull(AttachRefusal.flag(List.of("-Xmx256m", "-javaagent:portwatch-agent.jar=port=9465",
                "-XX:+EnableDynamicAgentLoading")));
    }

    @Test
    void eitherFlagRefuses() {
        assertEquals("-XX:+DisableAttachMechanism", AttachRefusal.flag(List.of("-XX:+DisableAttachMechanism")));
        assertEquals("-XX:-EnableDynamicAgentLoading",
                AttachRefusal.flag(List.of("-Xmx1g", "-XX:-EnableDynamicAgentLoading")));
    }

    @Test
    void theLastOfAFlagWins() {
        assertNull(AttachRefusal.flag(List.of("-XX:+DisableAttachMechanism", "-XX:-DisableAttachMechanism")));
        assertNull(AttachRefusal.flag(List.of("-XX:-EnableDynamicAgentLoading", "-XX:+EnableDynamicAgentLoading")));
        assertEquals("-XX:+DisableAttachMechanism", AttachRefusal.flag(List.of("-XX:-DisableAttachMechanism",
                "-XX:+DisableAttachMechanism", "-XX:-EnableDynamicAgentLoading", "-XX:+EnableDynamicAgentLoading")));
    }
}
