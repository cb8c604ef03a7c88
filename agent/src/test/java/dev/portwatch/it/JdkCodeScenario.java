package dev.portwatch.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/**
 * A program whose sockets are opened by JDK code alone: it opens none itself. {@code fetch <url>} hands a request to
 * the JDK's {@code HttpClient} asynchronously, so the client's own threads open the connection (kept alive after);
 * the test adds the JDK's local JMX connector with {@code jcmd}, whose listener and accepted connections are the
 * RMI runtime's. Answers {@code status=<code>}.
 */
public final class JdkCodeScenario extends Scenario {

    private final HttpClient client = HttpClient.newHttpClient();

    private JdkCodeScenario() {
        on("fetch", args -> "status=" + client.sendAsync(HttpRequest.newBuilder(URI.create(args[0])).build(),
                HttpResponse.BodyHandlers.discarding()).get(20, TimeUnit.SECONDS).statusCode());
    }

    public static void main(String[] args) throws Exception {
        new JdkCodeScenario().serve();
    }
}
