package dev.portwatch.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The endpoint's TLS identity: a PKCS#12 keystore, loaded and checked at start, that holds a private key. */
public final class TlsKeystore {

    private final Path path;
    private final KeyStore keyStore;
    private final char[] password;

    private TlsKeystore(Path path, KeyStore keyStore, char[] password) {
        this.path = path;
        this.keyStore = keyStore;
        this.password = password;
    }

    /** Loads the keystore; the message of the exception names the option and never shows the password. */
    static TlsKeystore load(Path path, char[] password) throws ConfigException {
        KeyStore keyStore;
        try (InputStream in = Files.newInputStream(path)) {
            keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
        } catch (IOException | GeneralSecurityException | RuntimeException unusable) {
            throw new ConfigException("cannot use tlsKeystore '" + path + "' (not readable, not PKCS#12, or the "
                    + "password does not open it); accepted: " + Option.TLS_KEYSTORE.accepts());
        }
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    return new TlsKeystore(path, keyStore, password);
                }
            }
        } catch (GeneralSecurityException unreadable) {
            // reported below
        }
        throw new ConfigException("tlsKeystore '" + path + "' holds no private key; accepted: "
                + Option.TLS_KEYSTORE.accepts());
    }

    /** A server-side TLS context with this identity and the JDK's default protocols and cipher suites. */
    public SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
