package org.icl.api.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** Sizes beyond the heap or beyond one Java array are refused naming the setting, with the estimate. */
class MemoryBudgetTest {

    private final Settings task = new Settings(ConfigFactory.parseString("eval-prompts = 7"), "task");

    @Test
    void moreBytesThanTheHeapAreRefusedWithTheEstimateAndTheHeap() {
        double heap = Runtime.getRuntime().maxMemory();
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> MemoryBudget.require(task, "eval-prompts", 2 * heap, "the prompts"));
        assertTrue(e.getMessage().startsWith("task.eval-prompts = 7 ("), e.getMessage());
        assertTrue(e.getMessage().contains("): expected a smaller value: the prompts need at least "), e.getMessage());
        assertTrue(e.getMessage().contains(MemoryBudget.bytes(2 * heap)) && e.getMessage().contains(MemoryBudget.bytes(heap)),
                e.getMessage());
        assertTrue(e.getMessage().contains("ICL_JAVA_OPTS=-Xmx"), e.getMessage());
        assertDoesNotThrow(() -> MemoryBudget.require(task, "eval-prompts", heap / 2, "the prompts"));
    }

    @Test
    void anArrayLongerThanJavaAllowsIsRefusedEvenWhenTheHeapIsLarge() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> MemoryBudget.requireArray(task, "eval-prompts", 3e9, "the inputs"));
        assertTrue(e.getMessage().contains("one array of 3.00e+09 numbers") && e.getMessage().contains("2^31"), e.getMessage());
        assertDoesNotThrow(() -> MemoryBudget.requireArray(task, "eval-prompts", 1000, "the inputs"));
    }

    @Test
    void byteCountsReadAsPeopleWriteThem() {
        assertEquals("512 bytes", MemoryBudget.bytes(512));
        assertEquals("1.5 kB", MemoryBudget.bytes(1536));
        assertEquals("3.0 GB", MemoryBudget.bytes(3.0 * (1L << 30)));
        assertEquals("2.00e+03 TB", MemoryBudget.bytes(2000.0 * (1L << 40)));
    }
}
