package dev.portwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** This JVM as the target: its own listeners are trusted, anything else is not. */
class AdvertisedEndpointTest {

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void aLoopbackListenerOfTheProcessIsTrusted() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             ServerSocket wildcard = new ServerSocket()) {
            wildcard.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            assertEquals(URI.create("http://127.0.0.1:" + listener.getLocalPort()),
                    AdvertisedEndpoint.verify(SELF, "http://127.0.0.1:" + listener.getLocalPort()));
            assertEquals(URI.create("https://127.0.0.1:" + wildcard.getLocalPort()),
                    AdvertisedEndpoint.verify(SELF, "https://0.0.0.0:" + wildcard.getLocalPort()));
        }
    }

    @Test
    void anythingElseIsRefusedWithExitCode10() throws Exception {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            closedPort = gone.getLocalPort();
        }
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int port = listener.getLocalPort();
            for (String advertised : new String[] {
                "http://127.0.0.1:" + closedPort, "http://[::1]:" + port, "http://localhost:" + port,
                "http://127.0.0.1:" + port + "/x", "http://127.0.0.1:" + port + "?a", "ftp://127.0.0.1:" + port,
                "file:///etc/passwd", "http://u@127.0.0.1:" + port, "http://127.0.0.1", "http://10.0.0.1:" + port,
                "not a url", "http://999.0.0.1:" + port, "",
            }) {
                CliException refused = assertThrows(CliException.class,
                        () -> AdvertisedEndpoint.verify(SELF, advertised), advertised);
                assertEquals(ExitCode.UNTRUSTED_ENDPOINT, refused.exitCode, advertised);
                assertTrue(refused.getMessage().contains("not sending it a request or the token"),
                        refused.getMessage());
            }
        }
    }
}
