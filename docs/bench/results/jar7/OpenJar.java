import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.zip.ZipFile;
/** The CPU time of the first open of a jar in a fresh JVM: what the JVM does with -javaagent before premain. */
public class OpenJar {
    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t0 = threads.getCurrentThreadCpuTime();
        try (ZipFile zip = new ZipFile(args[0])) {
            long t1 = threads.getCurrentThreadCpuTime();
            System.out.println((t1 - t0) / 1000 + " " + zip.size());
        }
    }
}
