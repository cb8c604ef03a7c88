package dev.portwatch.http;


/** Builds the endpoint's responses: a body of text, gzip-compressed when the client asks, nothing on HEAD. */
final class Responses {

    private Responses() {}

    /** {@code request} is null when the head could not be parsed: the answer is then sent as to a GET. */
    static Response send(Request request, int status, String contentType, String body) {
        return send(request, status, contentType, Body.of(body));
    }

    /** {@code request} is null when the head could not be parsed: the answer is then sent as to a GET. */
    static Response send(Request request, int status, String contentType, Body body) {
        Response response = new Response(status);
        Body bytes = body;
        String acceptEncoding = request == null ? null : request.header("Accept-Encoding");
        if (acceptEncoding != null && acceptEncoding.contains("gzip") && bytes.length() > 512) {
            bytes = bytes.gzipped();
            response.header("Content-Encoding", "gzip");
        }
        response.header("Content-Type", contentType.contains("charset") ? contentType
                : contentType + "; charset=utf-8");
        response.header("Cache-Control", "no-store");
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Vary", "Accept, Accept-Encoding");
        return response.body(bytes, request != null && request.isHead());
    }

    static Response text(Request request, int status, String line) {
        return send(request, status, "text/plain", line + "\n");
    }
}
