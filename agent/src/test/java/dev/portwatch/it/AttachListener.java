package dev.portwatch.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The names of a process's threads, from {@code /proc/<pid>/task/<tid>/comm}: HotSpot names its attach thread. */
final class AttachListener {

    private AttachListener() {}

    static List<String> threadNames(long pid) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    names.add(Files.readString(task.resolve("comm")).strip());
                } catch (IOException exited) {
                    // the thread ended meanwhile
                }
            }
        }
        return names;
    }

    static boolean isRunning(long pid) throws IOException {
        return threadNames(pid).contains("Attach Listener");
    }
}
