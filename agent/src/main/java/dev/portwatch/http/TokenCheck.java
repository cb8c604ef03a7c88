package dev.portwatch.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The endpoint's optional secret. When a token is configured, every request must carry it, either as
 * {@code Authorization: Bearer <token>} (Prometheus, curl) or as the password of HTTP Basic authentication (so a
 * browser can prompt for it). Compared in constant time; never logged or echoed.
 */
final class TokenCheck {

    private final byte[] token;

    private TokenCheck(byte[] token) {
        this.token = token;
    }

    /** A check that lets everything through when {@code token} is null. */
    static TokenCheck of(String token) {
        return new TokenCheck(token == null ? null : token.getBytes(StandardCharsets.UTF_8));
    }

    boolean required() {
        return token != null;
    }

    boolean allows(Request request) {
        if (token == null) {
            return true;
        }
        String authorization = request.header("Authorization");
        if (authorization == null) {
            return false;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return matches(authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String userAndPassword = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = userAndPassword.indexOf(':');
                return colon >= 0
                        && matches(userAndPassword.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
        }
        return false;
    }

    private boolean matches(byte[] presented) {
        return MessageDigest.isEqual(token, presented);
    }
}
