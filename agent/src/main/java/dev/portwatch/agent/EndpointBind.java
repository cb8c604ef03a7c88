package dev.portwatch.agent;

import dev.portwatch.capture.SocketEventCapture;
import dev.portwatch.http.EndpointServer;
import java.io.IOException;

/**
 * Binds and starts the endpoint, run as the agent's own action (its listener is marked as the agent's). A class
 * rather than a lambda: the start-up thread spins no lambda class for it on an idle JVM.
 */
final class EndpointBind implements SocketEventCapture.AgentAction<EndpointServer, IOException> {

    private final EndpointServer.Settings settings;
    private final EndpointServer.Served served;

    EndpointBind(EndpointServer.Settings settings, EndpointServer.Served served) {
        this.settings = settings;
        this.served = served;
    }

    @Override
    public EndpointServer run() throws IOException {
        return EndpointServer.start(settings, served);
    }
}
