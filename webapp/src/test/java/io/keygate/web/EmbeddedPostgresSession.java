package io.keygate.web;

import io.keygate.keymaterial.api.SecretsFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives the test run a real PostgreSQL: a private embedded server started once per test JVM, unless
 * {@code -Dtest.db.url=jdbc:...} names an existing one (with {@code -Dtest.db.user}/{@code -Dtest.db.password} for the
 * schema's owner, {@code -Dtest.db.app.user}/{@code -Dtest.db.app.password} for the application's login, and
 * {@code -Dtest.db.superuser}/{@code -Dtest.db.superuser.password} for the tests' own look past row-level security; the
 * POM hands them on as {@code db.*}). Runs before Arquillian reads
 * arquillian.xml, which
 * passes the address on to Payara Micro. Also fixes the bootstrap passwords every test signs in with, and makes the
 * servers' HTTPS certificate and port.
 */
public class EmbeddedPostgresSession implements LauncherSessionListener {

    private EmbeddedPostgres postgres;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        System.setProperty("keygate.test.admin.password", "admin-password-for-tests");
        System.setProperty("keygate.test.operator.password", "operator-password-for-tests");
        createKeyMaterial();
        createServerCertificate();
        createLoggingProperties();
        if (!"embedded".equals(System.getProperty("db.url", "embedded"))) {
            return;
        }
        try {
            postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE ROLE keygate LOGIN PASSWORD 'keygate'");
                statement.execute("CREATE ROLE keygate_app LOGIN PASSWORD 'keygate_app' NOINHERIT");
                statement.execute("CREATE DATABASE keygate OWNER keygate");
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Cannot start the embedded PostgreSQL for the tests", e);
        }
        System.setProperty("db.url", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/keygate");
        System.setProperty("db.user", "keygate");
        System.setProperty("db.password", "keygate");
        System.setProperty("db.app.user", "keygate_app");
        System.setProperty("db.app.password", "keygate_app");
        // zonky's initdb makes "postgres" a superuser that needs no password on 127.0.0.1
        System.setProperty("db.superuser", "postgres");
        System.setProperty("db.superuser.password", "");
    }

    /**
     * The test servers log into one file that never rotates ({@code payara.log.file}): Payara Micro's own --logtofile
     * keeps ten files of 1 MB, and the suite writes more (a line per request), so the end-of-run checks of the whole
     * log (SecretHygieneIT) would miss its start. The console still gets the log, where the Arquillian connector
     * watches for the server's start.
     */
    private static void createLoggingProperties() {
        String logFile = System.getProperty("payara.log.file");
        if (logFile == null) {
            return;
        }
        Path properties = Path.of(logFile).resolveSibling("payara-logging.properties");
        try {
            Files.writeString(properties, String.join("\n",
                    "handlers=java.util.logging.FileHandler, java.util.logging.ConsoleHandler",
                    "java.util.logging.FileHandler.pattern=" + logFile.replace("\\", "/").replace("%", "%%"),
                    "java.util.logging.FileHandler.limit=0",
                    "java.util.logging.FileHandler.count=1",
                    "java.util.logging.FileHandler.append=true",
                    "java.util.logging.FileHandler.level=INFO",
                    "java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter",
                    "java.util.logging.SimpleFormatter.format=[%1$tFT%1$tT.%1$tL%1$tz] [%4$s] [%3$s] %5$s%6$s%n",
                    "java.util.logging.ConsoleHandler.level=INFO",
                    ".level=INFO", ""), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the test servers' logging properties", e);
        }
        System.setProperty("keygate.test.logging.properties", properties.toString());
    }

    /** A pepper and a master key of the run's own, in files as production has them. */
    private static void createKeyMaterial() {
        try {
            Path directory = Files.createTempDirectory("keygate-test-key-material");
            // registered first, so it is deleted last, once it is empty
            directory.toFile().deleteOnExit();
            for (String name : new String[] {"pepper", "master.key"}) {
                Path file = directory.resolve(name.replace('.', '-'));
                SecretsFiles.create(file);
                file.toFile().deleteOnExit();
                System.setProperty("keygate.test." + name + ".file", file.toString());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the key material for the tests", e);
        }
    }

    /**
     * A self-signed certificate for 127.0.0.1 in a PKCS12 key store, made by the JDK's keytool as {@code ./keygate run}
     * makes its own, and one HTTPS port for the run's test servers (they run one after the other).
     */
    private static void createServerCertificate() {
        try {
            Path directory = Files.createTempDirectory("keygate-test-tls");
            directory.toFile().deleteOnExit();
            Path keyStore = directory.resolve("server.p12");
            Path certificate = directory.resolve("server.pem");
            String password = java.util.HexFormat.of().formatHex(secureRandomBytes());
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(keytool, "-genkeypair", "-alias", "keygate", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                    "-dname", "CN=Keygate test server", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                    "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password);
            run(keytool, "-exportcert", "-rfc", "-alias", "keygate", "-keystore", keyStore.toString(), "-storepass", password,
                    "-file", certificate.toString());
            keyStore.toFile().deleteOnExit();
            certificate.toFile().deleteOnExit();
            System.setProperty("keygate.test.tls.keystore", keyStore.toString());
            System.setProperty("keygate.test.tls.password", password);
            System.setProperty("keygate.test.tls.certificate", certificate.toString());
            try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                System.setProperty("keygate.test.https.port", Integer.toString(free.getLocalPort()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make the test servers' certificate", e);
        }
    }

    private static byte[] secureRandomBytes() {
        byte[] bytes = new byte[16];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static void run(String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException(command[0] + " " + command[1] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("Embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }
}
