package dev.portwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An endpoint identity made with the JDK's own {@code keytool}: a PKCS#12 keystore holding a self-signed EC key
 * for 127.0.0.1 and localhost, its password in a file only its owner reads, and the certificate as PEM for the
 * clients that must trust it.
 */
record TestKeystore(Path keystore, Path passwordFile, Path certificate, String password) {

    static TestKeystore create(Path jdk, Path directory) throws Exception {
        String password = "keystore-password-42";
        Path keystore = directory.resolve("endpoint.p12");
        keytool(jdk, "-genkeypair", "-alias", "portwatch", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=portwatch test", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password);
        Path certificate = directory.resolve("endpoint.pem");
        keytool(jdk, "-exportcert", "-rfc", "-alias", "portwatch", "-keystore", keystore.toString(),
                "-storepass", password, "-file", certificate.toString());
        Path passwordFile = ownerOnly(directory.resolve("keystore.password"), password);
        return new TestKeystore(keystore, passwordFile, certificate, password);
    }

    /** A file holding {@code line}, readable by its owner only. */
    static Path ownerOnly(Path file, String line) throws Exception {
        Files.writeString(file, line + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** The agent options for TLS with this keystore. */
    String options() {
        return "tlsKeystore=" + keystore + ",tlsKeystorePasswordFile=" + passwordFile;
    }

    private static void keytool(Path jdk, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(jdk.resolve("bin/keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue(), "keytool " + String.join(" ", args) + ": " + output);
    }
}
