package dev.portwatch.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The trim runs once, when due, through the diagnostic-command bean's native method; a command the JVM does not
 * know is a null answer, never an exception.
 */
class NativeHeapTrimTest {

    @Test
    void trimsOnceWhenDue() {
        NativeHeapTrim trim = new NativeHeapTrim(1_000);
        assertFalse(trim.runIfDue(1_000 + NativeHeapTrim.DELAY_MILLIS - 1), "not before the delay");
        assertTrue(trim.runIfDue(1_000 + NativeHeapTrim.DELAY_MILLIS));
        assertFalse(trim.runIfDue(1_000 + 2 * NativeHeapTrim.DELAY_MILLIS), "only once");
    }

    @Test
    void theJvmAnswersTheCommand() {
        String answer = NativeHeapTrim.run(NativeHeapTrim.COMMAND);
        assertNotNull(answer, "glibc, JDK 17.0.9+ or 21+");
        assertTrue(answer.startsWith("Trim native heap"), answer);
    }

    @Test
    void anUnknownCommandIsNoAnswer() {
        assertNull(NativeHeapTrim.run("No.such_command"));
    }
}
