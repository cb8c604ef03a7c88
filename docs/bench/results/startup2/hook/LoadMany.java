import java.net.URI;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;
/** Loads (without initializing) up to N classes of a few JDK modules, in a fixed order. */
public class LoadMany {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        List<String> names = new ArrayList<>();
        for (String m : new String[] {"java.desktop", "java.xml", "java.sql", "java.naming", "java.management"}) {
            try (Stream<Path> s = Files.walk(jrt.getPath("/modules", m))) {
                s.map(p -> p.toString()).filter(p -> p.endsWith(".class") && !p.endsWith("module-info.class"))
                        .sorted().forEach(p -> names.add(p.substring(("/modules/" + m + "/").length(),
                                p.length() - 6).replace('/', '.')));
            }
        }
        long t0 = System.nanoTime(); int loaded = 0;
        for (String name : names) {
            if (loaded >= n) break;
            try { Class.forName(name, false, LoadMany.class.getClassLoader()); loaded++; } catch (Throwable t) { }
        }
        System.out.println(loaded + " classes " + (System.nanoTime() - t0) / 1000000 + " ms");
    }
}
