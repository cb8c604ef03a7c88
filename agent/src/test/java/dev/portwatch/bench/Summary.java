package dev.portwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the run script's {@code results.csv} ({@code workload,jdk,config,rep,metric,value,unit}) into Markdown
 * tables: per workload and metric, one row per configuration, and per JDK the median, its ratio to the median
 * without any agent, its difference from it, and the min–max spread of the repetitions.
 * Usage: {@code Summary results.csv}.
 */
public final class Summary {

    private Summary() {}

    record Sample(String workload, String jdk, String config, String metric, double value, String unit) {}

    public static void main(String[] args) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] f = line.split(",");
            if (f.length != 7 || f[0].equals("workload")) {
                continue;
            }
            samples.add(new Sample(f[0], f[1], f[2], f[4], Double.parseDouble(f[5]), f[6]));
        }
        Map<String, List<Sample>> byMetric = new LinkedHashMap<>();
        List<String> jdks = new ArrayList<>();
        for (Sample s : samples) {
            byMetric.computeIfAbsent(s.workload() + " / " + s.metric() + " (" + s.unit() + ")",
                    k -> new ArrayList<>()).add(s);
            if (!jdks.contains(s.jdk())) {
                jdks.add(s.jdk());
            }
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<Sample>> metric : byMetric.entrySet()) {
            out.append("\n#### ").append(metric.getKey()).append("\n\n| config |");
            for (String jdk : jdks) {
                out.append(" JDK ").append(jdk).append(" median | ratio | Δ | min–max | n |");
            }
            out.append("\n|---|");
            out.append("---:|---:|---:|---|---:|".repeat(jdks.size()));
            out.append('\n');
            List<String> configs = new ArrayList<>();
            for (Sample s : metric.getValue()) {
                if (!configs.contains(s.config())) {
                    configs.add(s.config());
                }
            }
            for (String config : configs) {
                out.append("| ").append(config).append(" |");
                for (String jdk : jdks) {
                    double[] values = values(metric.getValue(), jdk, config);
                    double[] baseline = values(metric.getValue(), jdk, "none");
                    if (values.length == 0) {
                        out.append(" - | - | - | - | 0 |");
                        continue;
                    }
                    double median = median(values);
                    String ratio = "-";
                    String delta = "-";
                    if (baseline.length > 0 && !config.equals("none")) {
                        double base = median(baseline);
                        ratio = base == 0 ? "-" : format(median / base, 3);
                        delta = signed(median - base);
                    }
                    out.append(' ').append(format(median)).append(" | ").append(ratio).append(" | ").append(delta)
                            .append(" | ").append(format(values[0])).append("–")
                            .append(format(values[values.length - 1])).append(" | ").append(values.length)
                            .append(" |");
                }
                out.append('\n');
            }
        }
        System.out.print(out);
    }

    private static double[] values(List<Sample> samples, String jdk, String config) {
        return samples.stream().filter(s -> s.jdk().equals(jdk) && s.config().equals(config))
                .mapToDouble(Sample::value).sorted().toArray();
    }

    static double median(double[] sorted) {
        double[] values = sorted.clone();
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static String signed(double value) {
        return (value >= 0 ? "+" : "") + format(value);
    }

    private static String format(double value) {
        double magnitude = Math.abs(value);
        return format(value, magnitude >= 1000 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3);
    }

    private static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
