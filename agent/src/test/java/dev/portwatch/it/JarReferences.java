package dev.portwatch.it;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;

/**
 * What the classes of a jar name: every class a class file refers to (its constant pool, signatures and
 * annotations, as ASM's remapper sees them) and every string constant that spells a class name under
 * {@code dev.portwatch} (what {@code Class.forName} loads; the shade plugin relocates such strings too). Read with
 * the test class path's own, unrelocated Byte Buddy ASM.
 */
final class JarReferences {

    /** A dotted class name under portwatch's package, as a string constant spells it. */
    private static final Pattern CLASS_NAME = Pattern.compile("dev\\.portwatch\\.[a-z0-9_.]+\\.[A-Z][A-Za-z0-9_$]*");

    /** The jar's classes, as internal names (a/b/C). */
    final Set<String> classes = new TreeSet<>();
    /** For each class referred to, one class of the jar that refers to it. */
    final Map<String, String> referred = new TreeMap<>();
    /** For each class name spelled in a string constant (internal form), one class that spells it. */
    final Map<String, String> named = new TreeMap<>();
    /** Every entry of the jar, directories included. */
    final Set<String> entries = new TreeSet<>();

    static JarReferences of(JarFile jar) throws IOException {
        JarReferences references = new JarReferences();
        for (JarEntry entry : jar.stream().toList()) {
            references.entries.add(entry.getName());
            if (entry.getName().endsWith(".class")) {
                try (InputStream in = jar.getInputStream(entry)) {
                    references.read(new ClassReader(in));
                }
            }
        }
        return references;
    }

    private void read(ClassReader reader) {
        String self = reader.getClassName();
        classes.add(self);
        Remapper recorder = new Remapper() {
            @Override
            public String map(String internalName) {
                if (!internalName.startsWith("[")) {
                    referred.putIfAbsent(internalName, self);
                }
                return internalName;
            }
        };
        reader.accept(new ClassRemapper(new ClassVisitor(Opcodes.ASM9) {}, recorder), 0);
        // Strings from the constant pool: ldc operands and constant field values (static final String) alike.
        char[] buffer = new char[reader.getMaxStringLength()];
        for (int item = 1; item < reader.getItemCount(); item++) {
            int offset = reader.getItem(item);
            if (offset > 0 && reader.readByte(offset - 1) == 8) { // CONSTANT_String
                String text = reader.readUTF8(offset, buffer);
                if (text != null && CLASS_NAME.matcher(text).matches()) {
                    named.putIfAbsent(text.replace('.', '/'), self);
                }
            }
        }
    }

    /** Whether the JDK provides this class on every JDK portwatch runs on, judged by its package. */
    static boolean isJdk(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/")
                || internalName.startsWith("jdk/") || internalName.startsWith("sun/")
                || internalName.startsWith("com/sun/") || internalName.startsWith("org/w3c/")
                || internalName.startsWith("org/xml/") || internalName.startsWith("org/ietf/");
    }
}
