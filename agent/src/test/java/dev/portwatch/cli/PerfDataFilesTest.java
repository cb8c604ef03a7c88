package dev.portwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reads this very JVM's performance data file, as {@code list} reads every JVM's. */
class PerfDataFilesTest {

    private static final String COMMAND = "sun.rt.javaCommand";
    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void thisJvmIsListedWithItsCommand() throws Exception {
        List<PerfDataFiles.LocalJvm> jvms = PerfDataFiles.list(Path.of("/tmp"), Set.of(COMMAND));
        PerfDataFiles.LocalJvm self = jvms.stream().filter(jvm -> jvm.pid() == SELF).findFirst()
                .orElseThrow(() -> new AssertionError("this JVM is not listed: " + jvms));
        String command = self.strings().get(COMMAND);
        byte[] file = Files.readAllBytes(ownFile());
        assertTrue(command != null && !command.isBlank() && new String(file, "UTF-8").contains(command), command);
        assertEquals(Set.of(COMMAND), self.strings().keySet(), "only the strings asked for");
    }

    @Test
    void anythingButAPerfDataBufferReadsAsNothingAndNeverThrows() throws Exception {
        assertNull(PerfDataFiles.parse(ByteBuffer.wrap(new byte[64]), Set.of(COMMAND)));
        byte[] real = Files.readAllBytes(ownFile());
        Random random = new Random(17);
        for (int i = 0; i < 200; i++) {
            byte[] damaged = Arrays.copyOf(real, random.nextInt(real.length));
            for (int j = 0; j < 20 && damaged.length > 32; j++) {
                damaged[32 + random.nextInt(damaged.length - 32)] = (byte) random.nextInt();
            }
            Map<String, String> strings = PerfDataFiles.parse(ByteBuffer.wrap(damaged), Set.of(COMMAND));
            assertTrue(strings == null || strings.size() <= 1);
        }
    }

    private static Path ownFile() throws Exception {
        try (var users = Files.newDirectoryStream(Path.of("/tmp"), "hsperfdata_*")) {
            for (Path user : users) {
                Path file = user.resolve(Long.toString(SELF));
                if (Files.exists(file)) {
                    return file;
                }
            }
        }
        throw new AssertionError("no performance data file for this JVM (run without -XX:-UsePerfData)");
    }
}
