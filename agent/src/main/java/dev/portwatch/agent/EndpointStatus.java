package dev.portwatch.agent;

import dev.portwatch.access.JdkAccess;
import dev.portwatch.config.AgentConfig;

/**
 * Tells the CLI how the endpoint fared: as system properties (read through the attach API by
 * {@code connections}) and in the JVM's performance data (the memory-mapped {@code hsperfdata} file that {@code jps}
 * and {@code jstat} read, read by {@code list}, which never attaches). A JVM whose performance data cannot be
 * reached (or run with {@code -XX:-UsePerfData}) just gets nothing there.
 */
final class EndpointStatus {

    private EndpointStatus() {}

    static void endpoint(String url) {
        publish(AgentConfig.publishedEndpointProperty(), url);
    }

    static void failed(String status) {
        publish(AgentConfig.statusProperty(), status);
    }

    private static void publish(String name, String value) {
        JdkAccess.publishPerfString(name, value); // once per name: a second publish is refused, quietly
        System.setProperty(name, value);
    }
}
