package dev.portwatch.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The identity of the agent's build, for the woven classes' cache: whatever could change what the weave makes
 * changes it. The build writes it as a resource (agent/pom.xml, the {@code weave-build} execution): a SHA-256 digest
 * of every class of the instrument, bridge and funnel packages (the advice, the weaving list, the ids bound into the
 * advice) and Byte Buddy's version. Reading it costs a start-up one small resource, where digesting the jar's 5,000
 * entries took a tenth of a second or more.
 */
final class AgentBuild {

    static final String RESOURCE = "weave-build.txt";
    private static final int MAX_LENGTH = 256;

    private AgentBuild() {}

    /** The build's identity; null when the resource is missing or odd (a build that did not run that step). */
    static String identity() {
        try (InputStream in = AgentBuild.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            String identity = new String(in.readNBytes(MAX_LENGTH + 1), StandardCharsets.UTF_8).trim();
            return identity.length() > 64 && identity.length() <= MAX_LENGTH
                    && identity.chars().allMatch(c -> c > ' ' && c < 127 || c == ' ') ? identity : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
