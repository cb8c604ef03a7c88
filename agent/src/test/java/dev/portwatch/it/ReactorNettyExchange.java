package dev.portwatch.it;

import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * Reactor Netty (Spring WebFlux's server and client) on its default transport, which is epoll where Netty's native
 * library loads: an HTTP server and a client whose pooled connection stays open after one GET.
 */
final class ReactorNettyExchange implements AutoCloseable {

    static final String ANSWER = "x".repeat(NettyEpollExchange.ANSWERED);

    private DisposableServer server;
    private ConnectionProvider pool;

    /** Serves one GET to a client of its own; answers the server's port. */
    String exchange() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.get("/hello", (request, response) -> response.sendString(Mono.just(ANSWER))))
                .bindNow(Duration.ofSeconds(20));
        pool = ConnectionProvider.create("portwatch-test", 1);
        String body = HttpClient.create(pool).get().uri("http://127.0.0.1:" + server.port() + "/hello")
                .responseContent().aggregate().asString().block(Duration.ofSeconds(20));
        if (!ANSWER.equals(body)) {
            throw new IllegalStateException("unexpected answer " + body);
        }
        return "server=" + server.port();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.disposeLater().block(Duration.ofSeconds(10));
        }
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(10));
        }
    }
}
