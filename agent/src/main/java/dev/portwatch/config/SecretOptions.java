package dev.portwatch.config;

import dev.portwatch.config.ConfigParser.Sourced;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options that carry secrets: the endpoint's token ({@code token} or {@code tokenFile}) and its TLS keystore
 * ({@code tlsKeystore} with {@code tlsKeystorePassword} or {@code tlsKeystorePasswordFile}). No error shows a
 * secret. A secret on the command line (agent arguments, -D), which every user of the host can read in
 * {@code /proc/<pid>/cmdline}, and a secret file that other users can read are accepted with a warning each.
 */
final class SecretOptions {

    /** The options whose values are, or lead to, secrets: read only by {@link ConfigParser#secretsGiven}. */
    static final List<Option> OPTIONS = List.of(Option.TOKEN, Option.TOKEN_FILE, Option.TLS_KEYSTORE,
            Option.TLS_KEYSTORE_PASSWORD, Option.TLS_KEYSTORE_PASSWORD_FILE);

    private SecretOptions() {}

    /** 16 to 256 printable ASCII characters but the comma (which separates agent arguments); no regex in premain. */
    private static boolean isToken(String token) {
        if (token.length() < 16 || token.length() > 256) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ',') {
                return false;
            }
        }
        return true;
    }

    /** The token from {@code token} or the first line of {@code tokenFile}; null when neither is set. */
    static String token(Map<Option, Sourced> values, List<String> warnings) throws ConfigException {
        Sourced inline = given(Option.TOKEN, values);
        Sourced file = given(Option.TOKEN_FILE, values);
        if (inline != null && file != null) {
            throw new ConfigException("set token or tokenFile, not both");
        }
        if (file != null) {
            String token = firstLine(file, Option.TOKEN_FILE, warnings);
            if (!isToken(token)) {
                // The message must not echo the file's content: it is a secret.
                throw new ConfigException("the token in tokenFile '" + ConfigParser.printable(file.value())
                        + "' is not acceptable; accepted: " + Option.TOKEN.accepts());
            }
            return token;
        }
        if (inline == null) {
            return null;
        }
        if (!isToken(inline.value())) {
            throw new ConfigException("bad value for token (" + inline.source()
                    + "; not shown, it is a secret); accepted: " + Option.TOKEN.accepts());
        }
        warnIfOnCommandLine(inline, "tokenFile= or the environment variable PORTWATCH_TOKEN", warnings);
        return inline.value();
    }

    /** The TLS keystore, loaded and checked; null when {@code tlsKeystore} is not set. */
    static TlsKeystore tls(Map<Option, Sourced> values, List<String> warnings) throws ConfigException {
        Sourced keystore = given(Option.TLS_KEYSTORE, values);
        Sourced password = given(Option.TLS_KEYSTORE_PASSWORD, values);
        Sourced passwordFile = given(Option.TLS_KEYSTORE_PASSWORD_FILE, values);
        if (password != null && passwordFile != null) {
            throw new ConfigException("set tlsKeystorePassword or tlsKeystorePasswordFile, not both");
        }
        if (keystore == null) {
            if (password != null || passwordFile != null) {
                throw new ConfigException("a keystore password is set but tlsKeystore is not; accepted: "
                        + Option.TLS_KEYSTORE.accepts());
            }
            return null;
        }
        if (password == null && passwordFile == null) {
            throw new ConfigException("tlsKeystore needs its password: set the environment variable "
                    + Option.TLS_KEYSTORE_PASSWORD.environmentVariable() + " or tlsKeystorePasswordFile=");
        }
        String secret;
        if (passwordFile != null) {
            secret = firstLine(passwordFile, Option.TLS_KEYSTORE_PASSWORD_FILE, warnings);
        } else {
            secret = password.value();
            warnIfOnCommandLine(password, "tlsKeystorePasswordFile= or the environment variable "
                    + Option.TLS_KEYSTORE_PASSWORD.environmentVariable(), warnings);
        }
        return TlsKeystore.load(Path.of(keystore.value()), secret.toCharArray());
    }

    /** The option as given; an empty value is an error like any bad value, never "not set". */
    private static Sourced given(Option option, Map<Option, Sourced> values) throws ConfigException {
        Sourced sourced = values.get(option);
        if (sourced != null && sourced.value().isEmpty()) {
            throw ConfigParser.bad(option, values);
        }
        return sourced;
    }

    private static String firstLine(Sourced file, Option option, List<String> warnings) throws ConfigException {
        Path path;
        List<String> lines;
        try {
            path = Path.of(file.value());
            lines = Files.readAllLines(path);
        } catch (IOException | RuntimeException unreadable) {
            throw new ConfigException("cannot read " + option.key() + " '" + ConfigParser.printable(file.value())
                    + "' (" + file.source() + "); accepted: " + option.accepts());
        }
        warnIfReadableByOthers(path, option, warnings);
        return lines.isEmpty() ? "" : lines.get(0).trim();
    }

    private static void warnIfReadableByOthers(Path path, Option option, List<String> warnings) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                warnings.add("warning: " + option.key() + " '" + ConfigParser.printable(path.toString())
                        + "' can be read by other users (" + PosixFilePermissions.toString(permissions)
                        + "); make it readable by its owner only (chmod 600)");
            }
        } catch (IOException | UnsupportedOperationException noPosixPermissions) {
            // not a POSIX file system: nothing to say
        }
    }

    private static void warnIfOnCommandLine(Sourced secret, String instead, List<String> warnings) {
        if (secret.onCommandLine()) {
            warnings.add("warning: the " + secret.source() + " is on the command line, which other users of this "
                    + "host can read (/proc/<pid>/cmdline); use " + instead + " instead");
        }
    }
}
