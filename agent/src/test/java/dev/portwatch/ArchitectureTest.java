package dev.portwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph, guarded: every import (and fully qualified reference) of a portwatch class under
 * src/main/java must be allowed by the "may import" table of docs/architecture.md, the project's own picture of it.
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/portwatch");
    private static final String ARCHITECTURE = "docs/architecture.md";
    private static final String TABLE_HEADER = "| package | may import | why |";
    private static final Pattern ROW = Pattern.compile("^\\| `([\\w.]+)` \\| ([^|]*) \\|");
    private static final Pattern NAME = Pattern.compile("`([\\w.]+)`");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)(?:\\.\\*)?;", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\bdev\\.portwatch\\.([a-z]\\w*)\\.[A-Z]");
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void everyImportFollowsTheDocumentedGraph() throws IOException {
        Map<String, Set<String>> allowed = allowedImports();
        List<String> violations = new ArrayList<>();
        for (Path file : mainSources()) {
            String pkg = SOURCES.relativize(file).getName(0).toString();
            String className = file.getFileName().toString().replace(".java", "");
            Set<String> rule = allowed.getOrDefault(pkg + "." + className, allowed.get(pkg));
            if (rule == null) {
                violations.add(pkg + ": no row in " + ARCHITECTURE + " says what this package may import");
                continue;
            }
            for (String target : references(Files.readString(file))) {
                if (!permitted(pkg, target, rule)) {
                    violations.add(SOURCES.resolve(pkg).resolve(file.getFileName()) + " imports " + target
                            + ": the table of " + ARCHITECTURE + " does not let `"
                            + (allowed.containsKey(pkg + "." + className) ? pkg + "." + className : pkg)
                            + "` import that");
                }
            }
        }
        assertEquals(List.of(), violations, String.join("\n", violations));
    }

    @Test
    void theGuardSeesABrokenImport() {
        Set<String> tableRule = Set.of("net");
        assertFalse(permitted("table", "dev.portwatch.http.TableReport", tableRule), "table must not see http");
        assertFalse(permitted("table", "net.bytebuddy.asm.Advice", tableRule), "nor Byte Buddy");
        assertTrue(permitted("table", "dev.portwatch.net.Endpoint", tableRule));
        assertTrue(permitted("table", "dev.portwatch.table.Role", tableRule), "its own package");
        assertTrue(permitted("table", "java.util.Map", tableRule));
        assertEquals(Set.of("dev.portwatch.os.KernelView", "dev.portwatch.port.PortInfo"),
                references("import dev.portwatch.os.KernelView;\n"
                        + "/** see {@link dev.portwatch.http.Json} */\n"
                        + "class X { String s = \"dev.portwatch.cli.Main\"; dev.portwatch.port.PortInfo p; }"));
    }

    /** Project packages are named bare ({@code table}); anything else by its prefix ({@code net.bytebuddy}). */
    private static boolean permitted(String pkg, String target, Set<String> rule) {
        if (target.startsWith("java.")) {
            return true;
        }
        if (target.startsWith("dev.portwatch.")) {
            String targetPackage = target.substring("dev.portwatch.".length()).split("\\.")[0];
            return targetPackage.equals(pkg) || rule.contains(targetPackage);
        }
        return rule.stream().anyMatch(prefix -> prefix.contains(".") && target.startsWith(prefix + "."));
    }

    /** Imports, and fully qualified portwatch names in code (not in comments or strings). */
    private static Set<String> references(String source) {
        Set<String> found = new TreeSet<>();
        Matcher imports = IMPORT.matcher(source);
        while (imports.find()) {
            found.add(imports.group(1));
        }
        String code = IMPORT.matcher(COMMENT.matcher(STRING.matcher(source).replaceAll("\"\"")).replaceAll(""))
                .replaceAll("");
        Matcher qualified = QUALIFIED.matcher(code);
        while (qualified.find()) {
            int end = code.indexOf(';', qualified.start());
            String name = code.substring(qualified.start(), end < 0 ? code.length() : end).split("[^\\w.]")[0];
            found.add(name);
        }
        return found;
    }

    private static Map<String, Set<String>> allowedImports() throws IOException {
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        boolean inTable = false;
        // The repository's root, as agent/pom.xml tells surefire (DocsTest reads it too).
        Path root = Path.of(System.getProperty("portwatch.repository.root", ".."));
        for (String line : Files.readAllLines(root.resolve(ARCHITECTURE))) {
            if (line.equals(TABLE_HEADER)) {
                inTable = true;
                continue;
            }
            if (inTable && !line.startsWith("|")) {
                break;
            }
            Matcher row = ROW.matcher(line);
            if (inTable && row.find()) {
                Set<String> names = new TreeSet<>();
                Matcher name = NAME.matcher(row.group(2));
                while (name.find()) {
                    names.add(name.group(1));
                }
                allowed.put(row.group(1), names);
            }
        }
        assertFalse(allowed.isEmpty(), "no '" + TABLE_HEADER + "' table in " + ARCHITECTURE);
        return allowed;
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
    }
}
