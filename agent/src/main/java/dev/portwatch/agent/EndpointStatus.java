package dev.portwatch.agent;

import dev.portwatch.config.AgentConfig;

/**
 * Tells the CLI how the endpoint fared: as system properties (read through the attach API by
 * {@code connections}) and in the performance data (read from its file by {@code list}, which never attaches).
 */
record EndpointStatus(PerfDataStrings perfData) {

    void endpoint(String url) {
        perfData.publish(AgentConfig.publishedEndpointProperty(), url);
        System.setProperty(AgentConfig.publishedEndpointProperty(), url);
    }

    void failed(String status) {
        perfData.publish(AgentConfig.statusProperty(), status);
        System.setProperty(AgentConfig.statusProperty(), status);
    }
}
