import java.io.File;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * FirstSockets' first socket, counted: a ServerSocket and a Socket connected to it on main's first line, then the
 * CPU (schedstat, ns) of main's thread, of portwatch-start and of every thread of the process at that moment, then
 * the rest of FirstSockets. Prints "cpu_ns main_at_main main_after_first start_after_first all_after_first
 * main_after_all". After the first socket it loads the class FirstSocketCpu$Mark, a mark in -Xlog:class+load.
 */
public final class FirstSocketCpu {
    static final class Mark {}

    public static void main(String[] args) throws Exception {
        long atMain = cpu("/proc/thread-self/schedstat");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 50, loopback);
             Socket client = new Socket(loopback, server.getLocalPort())) {
            long mainAfter = cpu("/proc/thread-self/schedstat");
            long start = 0;
            long all = 0;
            for (File task : new File("/proc/self/task").listFiles()) {
                long used = cpu(task + "/schedstat");
                all += used;
                if ("portwatch-start".equals(read(task + "/comm").trim())) {
                    start = used;
                }
            }
            new Mark();
            dev.portwatch.bench.FirstSockets.main(args);
            System.out.println("cpu_ns " + atMain + " " + mainAfter + " " + start + " " + all + " "
                    + cpu("/proc/thread-self/schedstat"));
        }
    }

    private static long cpu(String file) throws Exception {
        String s = read(file);
        return Long.parseLong(s.substring(0, s.indexOf(' ')));
    }

    private static String read(String file) throws Exception {
        try (FileInputStream in = new FileInputStream(file)) {
            return new String(in.readAllBytes());
        }
    }
}
