package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The shipped jar: one self-contained agent whose every class lives under portwatch's own package. */
class AgentJarIT {

    @Test
    void everyClassIsUnderPortwatchsPackage() throws Exception {
        try (JarFile jar = new JarFile(Jdks.agentJar().toFile())) {
            List<String> foreign = jar.stream().map(JarEntry::getName)
                    .filter(name -> name.endsWith(".class"))
                    .filter(name -> !name.startsWith("dev/portwatch/"))
                    .toList();
            assertEquals(List.of(), foreign, "classes outside dev/portwatch/ could clash with the application's");
            assertTrue(jar.getEntry("dev/portwatch/shaded/net/bytebuddy/asm/Advice.class") != null,
                    "Byte Buddy is relocated into the jar");
            assertTrue(jar.stream().noneMatch(entry -> entry.getName().startsWith("META-INF/versions/")),
                    "no multi-release entries escape relocation");
        }
    }

    /** The libraries the tests run (Netty and its native libraries, Reactor Netty, gRPC) are test scope only. */
    @Test
    void noTestLibraryReachesTheJar() throws Exception {
        try (JarFile jar = new JarFile(Jdks.agentJar().toFile())) {
            List<String> testLibraries = jar.stream().map(JarEntry::getName)
                    .filter(name -> !name.startsWith("dev/portwatch/"))
                    .filter(name -> name.matches("(?i).*(netty|grpc|reactor|META-INF/native/).*"))
                    .toList();
            assertEquals(List.of(), testLibraries, "test libraries shaded into the agent");
        }
    }

    @Test
    void manifestDeclaresTheAgent() throws Exception {
        try (JarFile jar = new JarFile(Jdks.agentJar().toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals("dev.portwatch.agent.PortwatchAgent", manifest.getValue("Premain-Class"));
            assertEquals("dev.portwatch.agent.PortwatchAgent", manifest.getValue("Agent-Class"));
            assertEquals("true", manifest.getValue("Can-Retransform-Classes"));
        }
    }
}
