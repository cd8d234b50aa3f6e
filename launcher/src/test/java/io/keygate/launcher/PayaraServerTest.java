package io.keygate.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PayaraServerTest {

    private static final DatabaseLogin DB = new DatabaseLogin("jdbc:postgresql://127.0.0.1:5555/keygate", "keygate", "pw");

    @Test
    void startsPayaraMicroOnLoopbackWithoutClusteringServingHttps() {
        List<String> command = PayaraServer.command(new PayaraServer.Launch(Path.of("/jdk"),
                Path.of("/kg/launcher/target/payara-micro.jar"), Path.of("/kg/webapp/target/keygate.war"), 18080,
                18443, "keygate", Path.of("/kg/data/payara-runtime/tls.properties"), Path.of("/kg/payara/loopback-only.asadmin"), Path.of("/kg/data/payara-runtime"), "768m",
                Optional.empty()));

        assertEquals(List.of("/jdk/bin/java", "-Xmx768m", "-XX:+UseSerialGC",
                "-jar", "/kg/launcher/target/payara-micro.jar",
                "--deploy", "/kg/webapp/target/keygate.war",
                "--contextroot", "/",
                "--port", "18080",
                "--sslport", "18443",
                "--sslcert", "keygate",
                "--systemproperties", "/kg/data/payara-runtime/tls.properties",
                "--nocluster",
                "--disablephonehome",
                "--prebootcommandfile", "/kg/payara/loopback-only.asadmin",
                "--rootdir", "/kg/data/payara-runtime"), command);
    }

    @Test
    void startsAClusterNodeWhoseHazelcastTalksOnlyToTheOtherNodesOnLoopbackAndWhichDrainsWhenStopped() {
        List<String> command = PayaraServer.nodeCommand(new PayaraServer.NodeLaunch(Path.of("/jdk"),
                Path.of("/kg/launcher/target/payara-micro.jar"), Path.of("/kg/webapp/target/keygate.war"), "node-2", 8082,
                Path.of("/kg/data/payara-cluster-node.asadmin"), Path.of("/kg/data/payara-runtime-node-2"), "512m", "keygate-abc",
                List.of(6900, 6901), 6901, Duration.ofSeconds(10), Optional.of(Path.of("/kg/payara/logging-json.properties"))));

        assertEquals(List.of("/jdk/bin/java", "-Xmx512m", "-XX:+UseSerialGC",
                "-Dhazelcast.socket.bind.any=false", "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.shutdownhook.enabled=false",
                "-jar", "/kg/launcher/target/payara-micro.jar",
                "--deploy", "/kg/webapp/target/keygate.war",
                "--contextroot", "/",
                "--port", "8082",
                "--prebootcommandfile", "/kg/data/payara-cluster-node.asadmin",
                "--clustermode", "tcpip:127.0.0.1:6900,127.0.0.1:6901",
                "--interfaces", "127.0.0.1",
                "--clustername", "keygate-abc",
                "--startport", "6901",
                "--name", "node-2",
                "--disablephonehome",
                "--shutdowngrace", "10000",
                "--rootdir", "/kg/data/payara-runtime-node-2",
                "--logproperties", "/kg/payara/logging-json.properties"), command);
    }

    @Test
    void namesEachNodesDatabaseConnectionsForItsGauge() {
        assertEquals("jdbc:postgresql://127.0.0.1:5555/keygate?ApplicationName=keygate-node-1",
                Launcher.withApplicationName("jdbc:postgresql://127.0.0.1:5555/keygate", "keygate-node-1"));
        assertEquals("jdbc:postgresql://h/k?ssl=true&ApplicationName=keygate-node-2",
                Launcher.withApplicationName("jdbc:postgresql://h/k?ssl=true", "keygate-node-2"));
    }

    @Test
    void passesTheDatabaseLoginAndDataDirectory() {
        Map<String, String> env = PayaraServer.environment(Map.of("PATH", "/usr/bin", "KEYGATE_DB_URL", "old"),
                DB, Path.of("/kg/data"), false, true);

        assertEquals("/usr/bin", env.get("PATH"));
        assertEquals("jdbc:postgresql://127.0.0.1:5555/keygate", env.get("KEYGATE_DB_URL"));
        assertEquals("keygate", env.get("KEYGATE_DB_USER"));
        assertEquals("pw", env.get("KEYGATE_DB_PASSWORD"));
        assertEquals("/kg/data", env.get("KEYGATE_DATA_DIR"));
        assertFalse(env.containsKey("KEYGATE_DEMO"));
    }

    @Test
    void passesTheApplicationsLoginOfTheEmbeddedDatabaseAndLeavesAnExternalOnesToTheEnvironment() {
        DatabaseLogin embedded = new DatabaseLogin(DB.url(), "keygate", "pw", "keygate_app", "app-pw");
        Map<String, String> env = PayaraServer.environment(Map.of(), embedded, Path.of("/kg/data"), false, true);
        assertEquals("keygate_app", env.get("KEYGATE_DB_APP_USER"));
        assertEquals("app-pw", env.get("KEYGATE_DB_APP_PASSWORD"));

        Map<String, String> external = PayaraServer.environment(Map.of("KEYGATE_DB_APP_USER", "portal", "KEYGATE_DB_APP_PASSWORD", "own"),
                DB, Path.of("/kg/data"), false, false);
        assertEquals("portal", external.get("KEYGATE_DB_APP_USER"));
        assertEquals("own", external.get("KEYGATE_DB_APP_PASSWORD"));
        assertFalse(embedded.toString().contains("app-pw"), embedded.toString());
    }

    @Test
    void demoFlagReachesTheApplication() {
        Map<String, String> env = PayaraServer.environment(Map.of(), DB, Path.of("/kg/data"), true, true);

        assertEquals("true", env.get("KEYGATE_DEMO"));
    }
}
