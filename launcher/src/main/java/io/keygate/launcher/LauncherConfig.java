package io.keygate.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the launcher reads from the environment, with its defaults. Relative paths are
 * resolved against the working directory, which {@code ./keygate} sets to the repository root.
 */
record LauncherConfig(
        Path dataDir,
        int port,
        int httpsPort,
        Optional<ServerCertificate> tlsKeyStore,
        String bindAddress,
        Path war,
        Path payaraJar,
        Path bootCommandFile,
        Optional<DatabaseLogin> externalDatabase,
        String heap,
        int clusterPort,
        Duration shutdownGrace,
        String nginx,
        Optional<Path> jsonLogProperties) {

    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    /** The default heap on a big machine is a quarter of RAM (spike P17); 768 MB serves the portal and its exports. */
    static final String DEFAULT_HEAP = "768m";
    /** Payara's grace plus its own stop stays within the 30 s a container platform usually allows. */
    static final int MAX_SHUTDOWN_GRACE_SECONDS = 25;

    static LauncherConfig fromEnvironment(Map<String, String> env, Path workDir) {
        Optional<DatabaseLogin> external = value(env, "KEYGATE_DB_URL")
                .map(url -> new DatabaseLogin(url,
                        value(env, "KEYGATE_DB_USER").orElse(""),
                        value(env, "KEYGATE_DB_PASSWORD").orElse("")));
        Optional<ServerCertificate> keyStore = value(env, "KEYGATE_TLS_KEYSTORE").map(file -> new ServerCertificate(
                workDir.resolve(file).normalize(),
                value(env, "KEYGATE_TLS_KEYSTORE_PASSWORD_FILE").map(password -> workDir.resolve(password).normalize())
                        .orElseThrow(() -> new IllegalArgumentException("KEYGATE_TLS_KEYSTORE needs KEYGATE_TLS_KEYSTORE_PASSWORD_FILE, "
                                + "a file holding the key store's password")),
                value(env, "KEYGATE_TLS_ALIAS").orElse(ServerCertificate.GENERATED_ALIAS)));
        int port = port("KEYGATE_PORT", value(env, "KEYGATE_PORT").orElse("8080"));
        int httpsPort = port("KEYGATE_HTTPS_PORT", value(env, "KEYGATE_HTTPS_PORT").orElse("8443"));
        if (port == httpsPort) {
            throw new IllegalArgumentException("KEYGATE_PORT and KEYGATE_HTTPS_PORT must differ; both are " + port);
        }
        return new LauncherConfig(
                path(env, workDir, "KEYGATE_DATA_DIR", "data"),
                port,
                httpsPort,
                keyStore,
                value(env, "KEYGATE_BIND_ADDRESS").orElse(DEFAULT_BIND_ADDRESS),
                path(env, workDir, "KEYGATE_WAR", "webapp/target/keygate.war"),
                workDir.resolve("launcher/target/payara-micro.jar"),
                workDir.resolve("payara/loopback-only.asadmin"),
                external,
                heap(value(env, "KEYGATE_HEAP").orElse(DEFAULT_HEAP)),
                port("KEYGATE_CLUSTER_PORT", value(env, "KEYGATE_CLUSTER_PORT").orElse("6900")),
                shutdownGrace(value(env, "KEYGATE_SHUTDOWN_GRACE_SECONDS").orElse("10")),
                value(env, "KEYGATE_NGINX").orElse(null),
                jsonLog(value(env, "KEYGATE_LOG_FORMAT").orElse("text"), workDir));
    }

    /** KEYGATE_LOG_FORMAT=json: Payara's whole log as JSON objects, the WAR's request lines included. */
    private static Optional<Path> jsonLog(String format, Path workDir) {
        if (format.equalsIgnoreCase("json")) {
            return Optional.of(workDir.resolve("payara/logging-json.properties"));
        }
        if (format.equalsIgnoreCase("text")) {
            return Optional.empty();
        }
        throw new IllegalArgumentException("KEYGATE_LOG_FORMAT must be text or json, not '" + format + "'");
    }

    private static Duration shutdownGrace(String text) {
        if (text.matches("\\d{1,2}") && Integer.parseInt(text) <= MAX_SHUTDOWN_GRACE_SECONDS) {
            return Duration.ofSeconds(Integer.parseInt(text));
        }
        throw new IllegalArgumentException("KEYGATE_SHUTDOWN_GRACE_SECONDS must be a number of seconds from 0 to "
                + MAX_SHUTDOWN_GRACE_SECONDS + ", not '" + text + "'");
    }

    /** The database data lives in; the default ./data keeps it next to the checkout. */
    Path postgresDir() {
        return dataDir.resolve("postgres");
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        // an exported but empty variable means "not set", as in most shell tools
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Path path(Map<String, String> env, Path workDir, String name, String fallback) {
        return workDir.resolve(value(env, name).orElse(fallback)).normalize();
    }

    private static String heap(String text) {
        if (text.matches("[1-9]\\d{0,6}[mMgG]")) {
            return text.toLowerCase(java.util.Locale.ROOT);
        }
        throw new IllegalArgumentException("KEYGATE_HEAP must be a Java heap size such as 512m or 2g, not '" + text + "'");
    }

    private static int port(String variable, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as an out-of-range number
        }
        throw new IllegalArgumentException(variable + " must be a TCP port number (1-65535), not '" + text + "'");
    }
}
