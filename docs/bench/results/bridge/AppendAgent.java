import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;
public class AppendAgent {
    public static void premain(String a, Instrumentation i) throws Exception {
        long t = System.nanoTime();
        i.appendToBootstrapClassLoaderSearch(new JarFile(a));
        Class<?> c = Class.forName("Tiny", true, null);
        System.err.println("append+load " + (System.nanoTime() - t) / 1000 + " us, loader " + c.getClassLoader());
    }
}
