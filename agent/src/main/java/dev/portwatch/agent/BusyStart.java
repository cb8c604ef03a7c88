package dev.portwatch.agent;

import dev.portwatch.access.JdkAccess;
import java.io.FileInputStream;
import java.io.IOException;

/**
 * Holds the agent's start-up thread back, bounded, while the application is still starting. The fixed settle wait
 * covers a short start only: Spring Boot's takes seconds, with its main thread and the JIT on both cores of a small
 * machine, and the endpoint's start and housekeeping's (their classes, the selector, the JIT work they bring) then
 * competed with it for them. Nothing waits on the endpoint during an application's start: it is wanted by the first
 * scrape, seconds later. The table and the capture are built before this wait (a socket's first event would build
 * them on the application's own thread).
 *
 * <p>Busy means that over the last {@link #STEP_MILLIS} a class loader written in Java found a class (the JDK's
 * count, {@link JdkAccess#classesFound}: Spring Boot's loader, the class path's), or the process used more than
 * half a core (its user and system time from {@code /proc/self/stat}, in the kernel's 100 ticks a second). The
 * count matters most: on a loaded machine a starting application gets less than half a core, but it still loads
 * classes. Where neither can be read, nothing waits.
 */
final class BusyStart {

    static final long STEP_MILLIS = 200;
    /**
     * Quiet steps in a row that end the wait: a starting application has lulls of one step (a collection, a long
     * bean's set-up), and on a loaded machine it may get so little CPU that a step finds no class loaded.
     */
    static final int QUIET_STEPS = 2;
    /** The longest the endpoint's start waits for a quiet moment: a busy application still gets it this soon. */
    static final long MAX_MILLIS = 5_000;
    /** Half a core's ticks in one step, at the kernel's USER_HZ of 100. */
    private static final long BUSY_TICKS = STEP_MILLIS / 10 / 2;
    /** utime and stime are fields 14 and 15 of the file: counted from 0 after the command's name, 11 and 12. */
    private static final int UTIME_AFTER_NAME = 11;

    private BusyStart() {}

    /** Returns after {@link #QUIET_STEPS} quiet steps in a row, or after {@code maxMillis}. */
    static void awaitQuiet(long maxMillis) {
        long ticks = cpuTicks();
        long classes = JdkAccess.classesFound();
        int quietSteps = 0;
        for (long waited = 0; (ticks >= 0 || classes >= 0) && waited < maxMillis; waited += STEP_MILLIS) {
            try {
                Thread.sleep(STEP_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt(); // only the JVM's end interrupts it: go on at once
                return;
            }
            long ticksNow = cpuTicks();
            long classesNow = JdkAccess.classesFound();
            boolean loading = classes >= 0 && classesNow > classes;
            boolean busy = ticks >= 0 && ticksNow - ticks > BUSY_TICKS;
            quietSteps = loading || busy ? 0 : quietSteps + 1;
            if (quietSteps == QUIET_STEPS) {
                return;
            }
            ticks = ticksNow;
            classes = classesNow;
        }
    }

    /** The process's user and system time so far, in ticks; -1 where it cannot be read. */
    static long cpuTicks() {
        byte[] stat;
        try (FileInputStream in = new FileInputStream("/proc/self/stat")) {
            stat = in.readNBytes(1024);
        } catch (IOException | SecurityException unreadable) {
            return -1;
        }
        return ticks(stat, stat.length);
    }

    /** utime + stime from the first {@code length} bytes of a {@code stat} file; -1 when they are not there. */
    static long ticks(byte[] stat, int length) {
        int field = -1; // counted from the closing parenthesis of the command's name, which may hold spaces
        for (int i = length - 1; i >= 0 && field < 0; i--) {
            if (stat[i] == ')') {
                field = i + 1;
            }
        }
        if (field < 0) {
            return -1;
        }
        long sum = 0;
        long value = 0;
        int index = -1; // -1 while on the space after the parenthesis
        for (int i = field; i < length; i++) {
            byte b = stat[i];
            if (b == ' ') {
                if (index == UTIME_AFTER_NAME || index == UTIME_AFTER_NAME + 1) {
                    sum += value;
                }
                if (index == UTIME_AFTER_NAME + 1) {
                    return sum;
                }
                index++;
                value = 0;
            } else if (b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
            }
        }
        return -1;
    }
}
