package dev.portwatch.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class DirectMemoryFiguresTest {

    /** The test JVM sets no {@code -XX:MaxDirectMemorySize}: the JDK's limit is then the heap's maximum. */
    @Test
    void theLimitIsTheHeapsMaximumWhenUnset() {
        assertEquals(Runtime.getRuntime().maxMemory(), JdkAccess.maxDirectMemory());
    }

    @Test
    void theCountOfUseGrowsWithADirectBuffer() {
        long before = JdkAccess.directMemoryUsed();
        ByteBuffer held = ByteBuffer.allocateDirect(1 << 20);
        long after = JdkAccess.directMemoryUsed();
        assertTrue(before >= 0, "known: " + before);
        assertTrue(after >= before + held.capacity(), before + " -> " + after);
    }

    @Test
    void whatCannotBeReadIsUnknownAndNeverThrown() {
        assertEquals(-1, DirectMemoryFigures.read(figure -> {
            throw new IllegalStateException("no such figure");
        }, JdkAccess.MAX_DIRECT_MEMORY));
        assertEquals(-1, DirectMemoryFigures.read(null, "noSuchFigure"));
        assertEquals(7, DirectMemoryFigures.read(figure -> 7, JdkAccess.DIRECT_MEMORY_USED));
    }
}
