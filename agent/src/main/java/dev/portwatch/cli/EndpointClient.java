package dev.portwatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Reads one page of a verified endpoint ({@link AdvertisedEndpoint}): no proxy, no redirect, a bounded body, and
 * the token ({@code PORTWATCH_TOKEN}) only in this one request.
 *
 * <p>Over HTTPS the server's certificate is not checked against a CA: its identity is already established, more
 * strongly than a certificate could, by the kernel (the port is a listening socket of the named process, on
 * loopback), and the certificate was made for the names other hosts reach it by, not for 127.0.0.1.
 */
final class EndpointClient {

    static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private EndpointClient() {}

    static String fetch(URI endpoint, String path, String token) throws CliException {
        String url = endpoint + path;
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve(path).toURL()
                    .openConnection(Proxy.NO_PROXY);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(5000);
            connection.setReadTimeout(30000);
            if (connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(trustingTheVerifiedListener().getSocketFactory());
                https.setHostnameVerifier((host, session) -> true);
            }
            if (token != null && !token.isEmpty()) {
                connection.setRequestProperty("Authorization", "Bearer " + token);
            }
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new CliException(ExitCode.ENDPOINT_UNREACHABLE, url + " answered " + status
                        + (status == 401 ? " (set PORTWATCH_TOKEN to the agent's token)" : ""));
            }
            try (InputStream body = connection.getInputStream()) {
                byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
                if (bytes.length > MAX_BODY_BYTES) {
                    throw new CliException(ExitCode.ENDPOINT_UNREACHABLE, url + " sent more than "
                            + MAX_BODY_BYTES / (1024 * 1024) + " MB");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new CliException(ExitCode.ENDPOINT_UNREACHABLE, "cannot read " + url + " (" + e.getMessage()
                    + ")");
        }
    }

    private static SSLContext trustingTheVerifiedListener() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // a client-side context: never asked
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // identity established by AdvertisedEndpoint, see the class comment
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }
}
