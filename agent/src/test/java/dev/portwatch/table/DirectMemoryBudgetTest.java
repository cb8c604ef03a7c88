package dev.portwatch.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectMemoryBudgetTest {

    private static final long CHUNK = 512 * 11 * Long.BYTES; // a full chunk of the closed ring: 44 KiB

    @Test
    void aChunkIsDirectOnlyWhenItLeavesHalfOfTheLimitFree() {
        long limit = 1024 * 1024;
        assertTrue(DirectMemoryBudget.leavesHeadroom(0, CHUNK, limit));
        assertTrue(DirectMemoryBudget.leavesHeadroom(limit / 2 - CHUNK, CHUNK, limit), "exactly half left");
        assertFalse(DirectMemoryBudget.leavesHeadroom(limit / 2 - CHUNK + 1, CHUNK, limit), "a byte less than half");
        assertFalse(DirectMemoryBudget.leavesHeadroom(limit - CHUNK, CHUNK, limit), "would fit, but leave nothing");
        assertFalse(DirectMemoryBudget.leavesHeadroom(limit, CHUNK, limit), "the application holds it all");
        assertFalse(DirectMemoryBudget.leavesHeadroom(limit + 1, CHUNK, limit), "past the limit (counts may race)");
    }

    @Test
    void aTinyLimitTakesNoChunkAtAll() {
        assertFalse(DirectMemoryBudget.leavesHeadroom(0, CHUNK, 64 * 1024), "44 KiB of a 64 KiB limit is not ample");
        assertTrue(DirectMemoryBudget.leavesHeadroom(0, CHUNK, 2 * CHUNK));
    }

    @Test
    void anUnknownUseOrLimitMeansTheHeap() {
        assertFalse(DirectMemoryBudget.leavesHeadroom(-1, CHUNK, 1L << 30), "no count of use");
        assertFalse(DirectMemoryBudget.leavesHeadroom(0, CHUNK, -1), "no limit");
        assertFalse(DirectMemoryBudget.leavesHeadroom(0, CHUNK, 0));
        assertFalse(DirectMemoryBudget.leavesHeadroom(0, -1, 1L << 30));
        assertFalse(DirectMemoryBudget.leavesHeadroom(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE), "no overflow");
        assertTrue(DirectMemoryBudget.leavesHeadroom(0, CHUNK, Long.MAX_VALUE));
    }

    /** The test JVM sets no direct limit, so its limit is its heap's maximum: ample for a chunk. */
    @Test
    void thisJvmsBudgetAllowsAChunk() {
        assertTrue(DirectMemoryBudget.allows(CHUNK));
    }

    @Test
    void chunksGoToTheHeapWhenTheBudgetSaysNoAndWorkTheSame() {
        List<Long> asked = new ArrayList<>();
        RingChunks heap = new RingChunks(1200, 512, 11, bytes -> asked.add(bytes) && false);
        RingChunks direct = new RingChunks(1200, 512, 11, bytes -> true);
        for (int chunk = 0; chunk < 3; chunk++) {
            heap.ensure(chunk);
            direct.ensure(chunk);
            assertFalse(heap.longs[chunk].isDirect(), "chunk " + chunk);
            assertTrue(direct.longs[chunk].isDirect(), "chunk " + chunk);
            LongBuffer numbers = heap.longs[chunk];
            numbers.put(numbers.capacity() - 1, 42);
            assertEquals(42, numbers.get(numbers.capacity() - 1));
        }
        assertEquals(List.of(CHUNK, CHUNK, 176 * 11L * Long.BYTES), asked, "two full chunks and the last, shorter");

        heap.release(0);
        heap.ensure(0); // a spare: no allocation, so the budget is not asked again
        assertEquals(3, asked.size());
        assertEquals(3, heap.allocations());
    }
}
