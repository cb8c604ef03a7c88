package dev.portwatch.http;

/** A request the endpoint refuses with 400; the message is the one-line reason sent to the client. */
final class BadRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
        super(message);
    }
}
