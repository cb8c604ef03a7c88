package dev.portwatch.http;

import dev.portwatch.metrics.PortwatchMetrics;
import java.util.function.Function;

/**
 * What the endpoint answers to a request: {@code /} (the table as a live HTML page), {@code /metrics},
 * {@code /connections}, {@code /connections.json} and {@code /-/healthy}. Before any path is looked at, the
 * request must be addressed to this endpoint ({@link HostCheck}) and carry its token when one is set; then only GET
 * and HEAD are served. Errors are one line of text, never a stack trace. The server's handler itself (not a method
 * reference to {@link #respond}): the endpoint's start spins no lambda class.
 */
final class EndpointRoutes implements Function<Request, Response> {

    /** What the routes serve; its metrics are built on the first scrape or refused token. */
    private final EndpointServer.Served served;
    private final HostCheck hostCheck;
    private final TokenCheck tokenCheck;

    EndpointRoutes(EndpointServer.Served served, HostCheck hostCheck, TokenCheck tokenCheck) {
        this.served = served;
        this.hostCheck = hostCheck;
        this.tokenCheck = tokenCheck;
    }

    @Override
    public Response apply(Request request) {
        return respond(request);
    }

    Response respond(Request request) {
        try {
            Response refused = refusal(request);
            return refused != null ? refused : route(request);
        } catch (BadRequestException bad) {
            return Responses.text(request, 400, bad.getMessage());
        } catch (RuntimeException bug) {
            return Responses.text(request, 500, "internal error in portwatch: " + bug.getClass().getName());
        }
    }

    /** The answer to a request that is not served, or null. */
    private Response refusal(Request request) {
        String host = request.header("Host");
        if (host == null && request.version().equals("HTTP/1.1") || request.headerCount("Host") > 1) {
            return Responses.text(request, 400, "an HTTP/1.1 request needs exactly one Host header");
        }
        // HTTP/1.0 without Host is served: a browser always sends one, so such a request is no rebinding attack.
        if (host != null && !hostCheck.allows(host, request.localAddress())) {
            return Responses.text(request, 421, "misdirected request: this endpoint serves only requests "
                    + "addressed to it by a loopback name or its own address (Host)");
        }
        if (!tokenCheck.allows(request)) {
            served.metrics().get().authenticationFailed();
            return Responses.text(request, 401, "unauthorized: this endpoint requires its token "
                    + "(Authorization: Bearer <token>)")
                    .header("WWW-Authenticate", "Bearer realm=\"portwatch\"")
                    .header("WWW-Authenticate", "Basic realm=\"portwatch\"");
        }
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Responses.text(request, 405, "method not allowed: only GET and HEAD").header("Allow", "GET, HEAD");
        }
        return null;
    }

    private Response route(Request request) throws BadRequestException {
        return switch (request.rawPath()) {
            case "/" -> page(request);
            case "/metrics" -> {
                rejectQuery(request);
                boolean openMetrics = accepts(request, "application/openmetrics-text");
                yield Responses.send(request, 200, openMetrics ? PortwatchMetrics.OPENMETRICS
                        : PortwatchMetrics.PROMETHEUS_TEXT, served.metrics().get().scrape(openMetrics));
            }
            case "/connections" -> Responses.send(request, 200, "text/plain",
                    ConnectionsText.render(report(request)));
            case "/connections.json" -> Responses.send(request, 200, "application/json",
                    ConnectionsJson.renderBody(report(request)));
            case "/-/healthy" -> Responses.text(request, 200, "ok");
            default -> Responses.text(request, 404,
                    "not found; try /, /connections, /connections.json, /metrics or /-/healthy");
        };
    }

    /** The HTML page; a bad filter is a 400 page that shows the same one-line reason as the other paths. */
    private Response page(Request request) {
        Response response;
        try {
            response = Responses.send(request, 200, "text/html", ConnectionsHtml.render(report(request)));
        } catch (BadRequestException bad) {
            response = Responses.send(request, 400, "text/html", ConnectionsHtml.renderBadRequest(bad.getMessage()));
        }
        return response.header("Content-Security-Policy", ConnectionsHtml.CONTENT_SECURITY_POLICY);
    }

    private TableReport report(Request request) throws BadRequestException {
        return TableReport.of(served.table(), ConnectionFilter.parse(request.rawQuery()), served.ports(),
                served.kernelViews().forTable());
    }

    private static void rejectQuery(Request request) throws BadRequestException {
        String query = request.rawQuery();
        if (query != null && !query.isEmpty()) {
            throw new BadRequestException("/metrics takes no query parameters");
        }
    }

    private static boolean accepts(Request request, String mediaType) {
        String accept = request.header("Accept");
        return accept != null && accept.contains(mediaType);
    }
}
