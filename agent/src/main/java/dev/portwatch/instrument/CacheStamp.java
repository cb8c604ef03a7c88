package dev.portwatch.instrument;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The woven classes' cache's stamp, one small file per cache directory: every JDK funnel class's entry was checked
 * whole against the JDK's class file, by this agent build, on this JDK's runtime image (its {@code lib/modules} file
 * as it was: size and time), and each entry file's size then, with the lines the classes lack. While all of that
 * still holds, the agent's start-up thread reads this one file instead of every entry and every class file of the
 * JDK. It decides no class's bytes: an entry is still compared whole with the class file the JVM offers when that
 * class loads ({@link WeaveCache#lookup}), so a stale or tampered entry behind a valid stamp is a miss and a weave,
 * never a stale class.
 */
record CacheStamp(String build, String jdk, List<String> files, List<Long> sizes, List<String> lacking) {

    static final String FILE_NAME = "stamp";
    private static final String MAGIC = "portwatch weave stamp 1";

    /**
     * This JDK as the stamp knows it: its home, versions and runtime image (size and time of {@code lib/modules});
     * null without that file (an exploded build, whose class files may change under the same version).
     */
    static String thisJdk() {
        String home = System.getProperty("java.home", "");
        File modules = new File(home, "lib" + File.separator + "modules");
        long size = modules.length();
        if (size <= 0) {
            return null;
        }
        return String.join("\n", home, System.getProperty("java.vm.version", ""),
                System.getProperty("java.runtime.version", ""), Long.toString(size),
                Long.toString(modules.lastModified()));
    }

    /** Whether this stamp was written by {@code build} on this JDK for exactly these entry files at these sizes. */
    boolean holdsFor(String currentBuild, String currentJdk, List<String> currentFiles, List<Long> currentSizes) {
        return build.equals(currentBuild) && currentJdk != null && jdk.equals(currentJdk)
                && files.equals(currentFiles) && sizes.equals(currentSizes);
    }

    byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeUTF(MAGIC);
            out.writeUTF(build);
            out.writeUTF(jdk);
            out.writeInt(files.size());
            for (int i = 0; i < files.size(); i++) {
                out.writeUTF(files.get(i));
                out.writeLong(sizes.get(i));
            }
            LineLists.write(out, lacking);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The stamp these bytes hold; null if they are corrupt, truncated or not a stamp. */
    static CacheStamp parse(byte[] file) {
        try {
            EntryReader in = new EntryReader(file);
            if (!MAGIC.equals(in.readUTF())) {
                return null;
            }
            String build = in.readUTF();
            String jdk = in.readUTF();
            int count = LineLists.count(in);
            List<String> files = new ArrayList<>(count);
            List<Long> sizes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                files.add(in.readUTF());
                sizes.add(in.readLong());
            }
            List<String> lacking = LineLists.read(in);
            return in.remaining() == 0 ? new CacheStamp(build, jdk, List.copyOf(files), List.copyOf(sizes),
                    lacking) : null;
        } catch (IOException | RuntimeException corrupt) {
            return null;
        }
    }
}
