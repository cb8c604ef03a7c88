import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import com.sun.management.HotSpotDiagnosticMXBean;
import jdk.internal.misc.VM;

/** In a fresh JVM: the first chunk's lookup of the direct limit and use, the beans' way or VM's, timed once. */
public class Lookup {
    public static void main(String[] args) {
        boolean beans = args[0].equals("beans");
        long t0 = System.nanoTime();
        long limit = -1, used = -1;
        if (args[0].equals("none")) {
        } else if (beans) {
            BufferPoolMXBean pool = null;
            for (BufferPoolMXBean c : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
                pool = "direct".equals(c.getName()) ? c : pool;
            }
            HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long option = Long.parseLong(hs.getVMOption("MaxDirectMemorySize").getValue());
            limit = option == 0 ? Runtime.getRuntime().maxMemory() : option;
            used = pool.getMemoryUsed();
        } else {
            limit = VM.maxDirectMemory();
            for (VM.BufferPool pool : VM.getBufferPools()) {
                if ("direct".equals(pool.getName())) used = pool.getMemoryUsed();
            }
        }
        long t1 = System.nanoTime();
        System.out.printf("%s wall_us=%d limit=%d used=%d%n", args[0], (t1 - t0) / 1000,
                limit, used);
    }
}
