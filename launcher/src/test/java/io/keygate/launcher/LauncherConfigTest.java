package io.keygate.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherConfigTest {

    private static final Path REPO = Path.of("/srv/keygate");

    @Test
    void defaultsPointIntoTheRepository() {
        LauncherConfig config = LauncherConfig.fromEnvironment(Map.of(), REPO);

        assertEquals(Path.of("/srv/keygate/data"), config.dataDir());
        assertEquals(Path.of("/srv/keygate/data/postgres"), config.postgresDir());
        assertEquals(8080, config.port());
        assertEquals(8443, config.httpsPort());
        assertTrue(config.tlsKeyStore().isEmpty(), "a certificate is made in the data directory");
        assertEquals("127.0.0.1", config.bindAddress());
        assertEquals(Path.of("/srv/keygate/webapp/target/keygate.war"), config.war());
        assertEquals(Path.of("/srv/keygate/launcher/target/payara-micro.jar"), config.payaraJar());
        assertEquals(Path.of("/srv/keygate/payara/loopback-only.asadmin"), config.bootCommandFile());
        assertTrue(config.externalDatabase().isEmpty());
        assertEquals("768m", config.heap());
    }

    @Test
    void theClusterSettingsHaveDefaultsAndRefuseWhatTheyCannotUse() {
        LauncherConfig defaults = LauncherConfig.fromEnvironment(Map.of(), REPO);
        assertEquals(6900, defaults.clusterPort());
        assertEquals(java.time.Duration.ofSeconds(10), defaults.shutdownGrace());
        assertEquals(java.util.Optional.empty(), defaults.jsonLogProperties());

        LauncherConfig set = LauncherConfig.fromEnvironment(Map.of("KEYGATE_CLUSTER_PORT", "7900", "KEYGATE_SHUTDOWN_GRACE_SECONDS", "25",
                "KEYGATE_LOG_FORMAT", "JSON", "KEYGATE_NGINX", "/opt/nginx/sbin/nginx"), REPO);
        assertEquals(7900, set.clusterPort());
        assertEquals(java.time.Duration.ofSeconds(25), set.shutdownGrace());
        assertEquals(java.util.Optional.of(REPO.resolve("payara/logging-json.properties")), set.jsonLogProperties());
        assertEquals("/opt/nginx/sbin/nginx", set.nginx());

        for (String grace : new String[] {"26", "-1", "ten", "100"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> LauncherConfig.fromEnvironment(Map.of("KEYGATE_SHUTDOWN_GRACE_SECONDS", grace), REPO), grace);
        }
        assertThrows(IllegalArgumentException.class, () -> LauncherConfig.fromEnvironment(Map.of("KEYGATE_LOG_FORMAT", "xml"), REPO));
    }

    @Test
    void heapIsAJavaSizeOrRefused() {
        assertEquals("512m", LauncherConfig.fromEnvironment(Map.of("KEYGATE_HEAP", "512M"), REPO).heap());
        assertEquals("2g", LauncherConfig.fromEnvironment(Map.of("KEYGATE_HEAP", "2g"), REPO).heap());
        for (String heap : new String[] {"512", "1t", "-Xmx512m", "512m -XX:+Evil"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LauncherConfig.fromEnvironment(Map.of("KEYGATE_HEAP", heap), REPO));
            assertTrue(e.getMessage().contains("KEYGATE_HEAP"), e.getMessage());
        }
    }

    @Test
    void environmentOverridesDefaults() {
        LauncherConfig config = LauncherConfig.fromEnvironment(Map.of(
                "KEYGATE_DATA_DIR", "../kg-data",
                "KEYGATE_PORT", "18080",
                "KEYGATE_BIND_ADDRESS", "127.0.0.2",
                "KEYGATE_WAR", "/tmp/other.war"), REPO);

        assertEquals(Path.of("/srv/kg-data"), config.dataDir());
        assertEquals(18080, config.port());
        assertEquals("127.0.0.2", config.bindAddress());
        assertEquals(Path.of("/tmp/other.war"), config.war());
    }

    @Test
    void externalDatabaseComesWithItsLogin() {
        LauncherConfig config = LauncherConfig.fromEnvironment(Map.of(
                "KEYGATE_DB_URL", "jdbc:postgresql://127.0.0.1:5432/kg",
                "KEYGATE_DB_USER", "kg",
                "KEYGATE_DB_PASSWORD", "secret"), REPO);

        assertEquals(Optional.of(new DatabaseLogin("jdbc:postgresql://127.0.0.1:5432/kg", "kg", "secret")),
                config.externalDatabase());
    }

    @Test
    void emptyVariablesCountAsUnset() {
        LauncherConfig config = LauncherConfig.fromEnvironment(Map.of(
                "KEYGATE_DB_URL", "", "KEYGATE_PORT", " ", "KEYGATE_DATA_DIR", ""), REPO);

        assertTrue(config.externalDatabase().isEmpty());
        assertEquals(8080, config.port());
        assertEquals(Path.of("/srv/keygate/data"), config.dataDir());
    }

    @Test
    void rejectsPortsThatAreNotPorts() {
        for (String port : new String[] {"http", "0", "65536", "-1", "80.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LauncherConfig.fromEnvironment(Map.of("KEYGATE_PORT", port), REPO));
            assertTrue(e.getMessage().contains("KEYGATE_PORT"), e.getMessage());
        }
    }

    @Test
    void httpsHasItsOwnPortAndAConfiguredKeyStoreNeedsItsPasswordFile() {
        LauncherConfig config = LauncherConfig.fromEnvironment(Map.of("KEYGATE_HTTPS_PORT", "9443",
                "KEYGATE_TLS_KEYSTORE", "tls/site.p12", "KEYGATE_TLS_KEYSTORE_PASSWORD_FILE", "/run/secrets/tls", "KEYGATE_TLS_ALIAS", "site"), REPO);
        assertEquals(9443, config.httpsPort());
        assertEquals(Optional.of(new ServerCertificate(Path.of("/srv/keygate/tls/site.p12"), Path.of("/run/secrets/tls"), "site")),
                config.tlsKeyStore());

        IllegalArgumentException noPassword = assertThrows(IllegalArgumentException.class,
                () -> LauncherConfig.fromEnvironment(Map.of("KEYGATE_TLS_KEYSTORE", "site.p12"), REPO));
        assertTrue(noPassword.getMessage().contains("KEYGATE_TLS_KEYSTORE_PASSWORD_FILE"), noPassword.getMessage());
        IllegalArgumentException samePort = assertThrows(IllegalArgumentException.class,
                () -> LauncherConfig.fromEnvironment(Map.of("KEYGATE_PORT", "8443"), REPO));
        assertTrue(samePort.getMessage().contains("must differ"), samePort.getMessage());
        IllegalArgumentException notAPort = assertThrows(IllegalArgumentException.class,
                () -> LauncherConfig.fromEnvironment(Map.of("KEYGATE_HTTPS_PORT", "https"), REPO));
        assertTrue(notAPort.getMessage().contains("KEYGATE_HTTPS_PORT"), notAPort.getMessage());
    }

    @Test
    void passwordStaysOutOfLogs() {
        assertTrue(new DatabaseLogin("jdbc:x", "u", "hunter2").toString().contains("***"));
        assertTrue(!new DatabaseLogin("jdbc:x", "u", "hunter2").toString().contains("hunter2"));
    }
}
