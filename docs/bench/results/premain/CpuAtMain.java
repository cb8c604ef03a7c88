import java.io.FileInputStream;

/** The main thread's CPU time (schedstat, ns) at main's first line, and after FirstSockets' sockets with "first". */
public final class CpuAtMain {
    public static void main(String[] args) throws Exception {
        long atMain = cpu();
        long afterSockets = 0;
        if (args.length > 0) {
            dev.portwatch.bench.FirstSockets.main(args);
            afterSockets = cpu();
        }
        System.out.println("cpu_ns " + atMain + " " + afterSockets);
    }

    private static long cpu() throws Exception {
        byte[] b;
        try (FileInputStream in = new FileInputStream("/proc/thread-self/schedstat")) {
            b = in.readAllBytes();
        }
        String s = new String(b);
        return Long.parseLong(s.substring(0, s.indexOf(' ')));
    }
}
