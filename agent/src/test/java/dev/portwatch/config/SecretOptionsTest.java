package dev.portwatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets in options: where they may come from without a word, what is warned about, what is refused. */
class SecretOptionsTest {

    private static final String TOKEN = "s3cret-token-0123456789";
    private static final String PASSWORD = "keystore-password-1";

    @TempDir
    Path directory;

    private Path file(String name, String line, String mode) throws Exception {
        Path file = Files.writeString(directory.resolve(name), line + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void aTokenFileOthersCanReadIsWarnedAboutOnce() throws Exception {
        Path open = file("open", TOKEN, "rw-r--r--");
        AgentConfig config = ConfigParser.parse("tokenFile=" + open, new Properties(), Map.of());
        assertEquals(TOKEN, config.token());
        assertEquals(List.of("warning: tokenFile '" + open + "' can be read by other users (rw-r--r--); make it "
                + "readable by its owner only (chmod 600)"), config.warnings());

        Path private_ = file("private", TOKEN, "rw-------");
        assertEquals(List.of(), ConfigParser.parse("tokenFile=" + private_, new Properties(), Map.of()).warnings());
    }

    @Test
    void aTokenOnTheCommandLineIsWarnedAboutButNotOneFromTheEnvironment() throws Exception {
        List<String> fromArgument = ConfigParser.parse("token=" + TOKEN, new Properties(), Map.of()).warnings();
        assertEquals(1, fromArgument.size());
        assertTrue(fromArgument.get(0).startsWith("warning: the agent argument token is on the command line"),
                fromArgument.get(0));
        assertTrue(fromArgument.get(0).contains("tokenFile= or the environment variable PORTWATCH_TOKEN"));

        Properties properties = new Properties();
        properties.setProperty("portwatch.token", TOKEN);
        List<String> fromProperty = ConfigParser.parse("", properties, Map.of()).warnings();
        assertTrue(fromProperty.get(0).contains("system property portwatch.token is on the command line"),
                fromProperty.toString());

        assertEquals(List.of(), ConfigParser.parse("", new Properties(), Map.of("PORTWATCH_TOKEN", TOKEN))
                .warnings());
        for (List<String> warnings : List.of(fromArgument, fromProperty)) {
            assertFalse(String.join(" ", warnings).contains(TOKEN), "a warning shows the token");
        }
    }

    @Test
    void anEmptyTokenIsAnErrorNotNoToken() {
        for (String arguments : List.of("token=", "port=0,token=,host=127.0.0.1", "tokenFile=")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigParser.parse(arguments, new Properties(), Map.of()));
            assertTrue(e.getMessage().startsWith("bad value '' for token"), e.getMessage());
        }
        ConfigException fromEnvironment = assertThrows(ConfigException.class,
                () -> ConfigParser.parse("", new Properties(), Map.of("PORTWATCH_TOKEN", "")));
        assertTrue(fromEnvironment.getMessage().contains("environment variable PORTWATCH_TOKEN"),
                fromEnvironment.getMessage());
    }

    @Test
    void aKeystoreWithItsPasswordGivesATlsContext() throws Exception {
        Path keystore = keystore();
        Path passwordFile = file("password", PASSWORD, "rw-------");
        AgentConfig config = ConfigParser.parse("tlsKeystore=" + keystore + ",tlsKeystorePasswordFile="
                + passwordFile, new Properties(), Map.of());
        assertNotNull(config.tls());
        SSLContext context = config.tls().serverContext();
        assertEquals("TLS", context.getProtocol());
        assertEquals(List.of(), config.warnings());
        assertFalse(config.toString().contains(PASSWORD));

        AgentConfig fromEnvironment = ConfigParser.parse("tlsKeystore=" + keystore, new Properties(),
                Map.of("PORTWATCH_TLS_KEYSTORE_PASSWORD", PASSWORD));
        assertNotNull(fromEnvironment.tls());
        assertEquals(List.of(), fromEnvironment.warnings());

        List<String> onCommandLine = ConfigParser.parse("tlsKeystore=" + keystore + ",tlsKeystorePassword="
                + PASSWORD, new Properties(), Map.of()).warnings();
        assertEquals(1, onCommandLine.size(), onCommandLine.toString());
        assertTrue(onCommandLine.get(0).contains("agent argument tlsKeystorePassword is on the command line"));
        assertFalse(onCommandLine.get(0).contains(PASSWORD));
        assertNull(ConfigParser.parse("", new Properties(), Map.of()).tls());
    }

    @Test
    void everyBadTlsSettingIsOneLineThatNamesTheOptionAndHidesThePassword() throws Exception {
        Path keystore = keystore();
        Path wrong = file("wrong", "wrong-password", "rw-------");
        Path notKeystore = file("not.p12", "hello", "rw-------");
        Map<String, String> cases = Map.of(
                "tlsKeystore=" + keystore + ",tlsKeystorePasswordFile=" + wrong, "cannot use tlsKeystore",
                "tlsKeystore=" + notKeystore + ",tlsKeystorePassword=" + PASSWORD, "cannot use tlsKeystore",
                "tlsKeystore=" + directory.resolve("missing.p12") + ",tlsKeystorePassword=" + PASSWORD,
                "cannot use tlsKeystore",
                "tlsKeystore=" + keystore, "tlsKeystore needs its password",
                "tlsKeystorePassword=" + PASSWORD, "a keystore password is set but tlsKeystore is not",
                "tlsKeystore=" + keystore + ",tlsKeystorePassword=" + PASSWORD + ",tlsKeystorePasswordFile=" + wrong,
                "not both",
                "tlsKeystore=" + keystore + ",tlsKeystorePasswordFile=" + directory.resolve("none"),
                "cannot read tlsKeystorePasswordFile");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigParser.parse(bad.getKey(), new Properties(), Map.of()), bad.getKey());
            assertTrue(e.getMessage().contains(bad.getValue()), bad.getKey() + ": " + e.getMessage());
            assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    /** A PKCS#12 keystore with one self-signed key, made by the running JDK's keytool. */
    private Path keystore() throws Exception {
        Path keystore = directory.resolve("endpoint.p12");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", "portwatch", "-keyalg", "EC", "-dname", "CN=test",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, keytool.exitValue(), output);
        return keystore;
    }
}
