package dev.portwatch.http;

/** A request head the endpoint refuses before routing it: the status and a one-line reason for the client. */
final class RequestRejected extends Exception {

    private static final long serialVersionUID = 1L;

    final int status;

    RequestRejected(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }
}
