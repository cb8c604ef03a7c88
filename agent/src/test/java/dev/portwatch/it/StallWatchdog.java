package dev.portwatch.it;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Turns a hang inside a scenario JVM into a failure with the stacks: once a second it looks for deadlocked threads
 * and, while the work is meant to run, for a progress count that has not moved for 20 s. Either way it prints every
 * thread's stack to stderr and {@code ERR <why>} on stdout (which fails the test waiting for an answer), then
 * stops. A daemon thread, so it never keeps the JVM alive.
 */
final class StallWatchdog {

    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(20);

    private StallWatchdog() {}

    /** Watches {@code progress}, which must move while {@code working} says so. */
    static void start(LongSupplier progress, BooleanSupplier working) {
        Thread thread = new Thread(() -> watch(progress, working), "watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    private static void watch(LongSupplier progress, BooleanSupplier working) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long lastCount = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            long[] deadlocked = threads.findDeadlockedThreads();
            if (deadlocked != null) {
                dump(threads, "deadlock among " + deadlocked.length + " threads");
                return;
            }
            long count = progress.getAsLong();
            if (count != lastCount || !working.getAsBoolean()) {
                lastCount = count;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                dump(threads, "stall: no socket operation completed for 20 s");
                return;
            }
        }
    }

    private static void dump(ThreadMXBean threads, String why) {
        StringBuilder out = new StringBuilder("thread dump (" + why + "):\n");
        for (ThreadInfo info : threads.dumpAllThreads(true, true)) {
            out.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
            if (info.getLockName() != null) {
                out.append(" on ").append(info.getLockName()).append(" owned by ").append(info.getLockOwnerName());
            }
            out.append('\n');
            for (StackTraceElement frame : info.getStackTrace()) {
                out.append("    at ").append(frame).append('\n');
            }
        }
        System.err.print(out);
        System.err.flush();
        System.out.println("ERR " + why);
    }
}
