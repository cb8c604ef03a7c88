package dev.portwatch.instrument;

import dev.portwatch.access.AgentJar;
import java.io.IOException;

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
        try {
            byte[] bytes = read();
            if (bytes == null) {
                return null;
            }
            // Byte by byte: anything but printable ASCII is refused below anyway, and StandardCharsets' class would
            // load eight charsets in premain that nothing before main needs.
            char[] chars = new char[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                chars[i] = (char) (bytes[i] & 0xff);
            }
            String identity = new String(chars).trim();
            return identity.length() > 64 && identity.length() <= MAX_LENGTH && printable(identity) ? identity : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** The resource's first bytes, from the agent's jar itself ({@link AgentJar}); null if it is missing. */
    private static byte[] read() throws IOException {
        String entry = AgentBuild.class.getPackageName().replace('.', '/') + "/" + RESOURCE;
        return AgentJar.read(AgentBuild.class, new String[] {entry}, MAX_LENGTH + 1)[0];
    }

    /** Printable ASCII and spaces only: a loop, since a stream and its lambda cost the start-up a dozen classes. */
    private static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' || c >= 127) {
                return false;
            }
        }
        return true;
    }
}
