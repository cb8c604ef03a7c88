package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A small strict parser of the Prometheus text exposition format (and the sample lines of OpenMetrics):
 * {@code name{label="value",...} value [timestamp]}, with comment lines skipped. Label values are unescaped
 * ({@code \\}, {@code \"}, {@code \n}); anything malformed fails the test with the line.
 */
final class Exposition {

    record Sample(String name, Map<String, String> labels, double value) {
        @Override
        public String toString() {
            return name + labels + " " + value;
        }
    }

    private final List<Sample> samples;

    private Exposition(List<Sample> samples) {
        this.samples = samples;
    }

    static Exposition parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(sample(line));
            } catch (RuntimeException e) {
                fail("line " + lineNumber + " is not a sample (" + e.getMessage() + "): " + line);
            }
        }
        return new Exposition(Collections.unmodifiableList(samples));
    }

    private static Sample sample(String line) {
        int at = 0;
        while (at < line.length() && isNameChar(line.charAt(at), at == 0)) {
            at++;
        }
        if (at == 0) {
            throw new IllegalArgumentException("no metric name");
        }
        String name = line.substring(0, at);
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at++;
            while (line.charAt(at) != '}') {
                int start = at;
                while (isNameChar(line.charAt(at), at == start)) {
                    at++;
                }
                String label = line.substring(start, at);
                if (label.isEmpty() || line.charAt(at) != '=' || line.charAt(at + 1) != '"') {
                    throw new IllegalArgumentException("bad label at column " + at);
                }
                at += 2;
                StringBuilder value = new StringBuilder();
                for (char c = line.charAt(at); c != '"'; c = line.charAt(at)) {
                    if (c == '\\') {
                        char escaped = line.charAt(++at);
                        value.append(switch (escaped) {
                            case 'n' -> '\n';
                            case '\\' -> '\\';
                            case '"' -> '"';
                            default -> throw new IllegalArgumentException("bad escape \\" + escaped);
                        });
                    } else {
                        value.append(c);
                    }
                    at++;
                }
                at++;
                if (labels.put(label, value.toString()) != null) {
                    throw new IllegalArgumentException("duplicate label " + label);
                }
                if (line.charAt(at) == ',') {
                    at++;
                } else if (line.charAt(at) != '}') {
                    throw new IllegalArgumentException("expected , or } at column " + at);
                }
            }
            at++;
        }
        if (at >= line.length() || line.charAt(at) != ' ') {
            throw new IllegalArgumentException("no space before the value");
        }
        String[] rest = line.substring(at + 1).split(" ");
        if (rest.length < 1 || rest.length > 2) {
            throw new IllegalArgumentException("expected a value and an optional timestamp");
        }
        return new Sample(name, Collections.unmodifiableMap(labels), value(rest[0]));
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static boolean isNameChar(char c, boolean first) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || !first && c >= '0' && c <= '9';
    }

    List<Sample> samples() {
        return samples;
    }

    /** The distinct sample names. */
    Set<String> names() {
        return samples.stream().map(Sample::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The samples called {@code name} whose labels include every one of {@code labels} (name, value, ...). */
    List<Sample> find(String name, String... labels) {
        List<Sample> found = new ArrayList<>();
        for (Sample sample : samples) {
            if (sample.name.equals(name) && hasLabels(sample, labels)) {
                found.add(sample);
            }
        }
        return found;
    }

    /** The value of the one sample {@code name} with {@code labels}; fails when there is none or more than one. */
    double value(String name, String... labels) {
        List<Sample> found = find(name, labels);
        if (found.size() != 1) {
            fail("expected exactly one sample " + name + " " + List.of(labels) + ", found " + found
                    + "; samples of that name: " + find(name));
        }
        return found.get(0).value;
    }

    /** The label names of the samples called {@code name}, which must all have the same ones. */
    Set<String> labelNames(String name) {
        Set<Set<String>> distinct = find(name).stream().map(s -> (Set<String>) new TreeSet<>(s.labels.keySet()))
                .collect(Collectors.toSet());
        if (distinct.size() != 1) {
            fail(name + " has " + distinct.size() + " sets of label names: " + distinct);
        }
        return distinct.iterator().next();
    }

    private static boolean hasLabels(Sample sample, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(sample.labels.get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
