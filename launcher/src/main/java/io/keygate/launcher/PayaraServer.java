package io.keygate.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Payara Micro with the Keygate WAR, as a child process that shares the launcher's console. */
final class PayaraServer implements AutoCloseable {

    static final String ROOTDIR_FLAG = "--rootdir";
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);

    private final Process process;

    private PayaraServer(Process process) {
        this.process = process;
    }

    /** What Payara is started with; every path is absolute. */
    record Launch(Path javaHome, Path payaraJar, Path war, int port, int httpsPort, String certificateAlias, Path systemProperties,
                  Path bootCommandFile, Path runtimeDir, String heap, Optional<Path> logProperties) {
    }

    static List<String> command(Launch launch) {
        return withLogProperties(launch.logProperties(), List.of(
                launch.javaHome().resolve("bin/java").toString(),
                // the default heap on a big machine is a quarter of RAM (spike P17); SerialGC suits 2 cores
                "-Xmx" + launch.heap(), "-XX:+UseSerialGC",
                "-jar", launch.payaraJar().toString(),
                "--deploy", launch.war().toString(),
                "--contextroot", "/",
                "--port", Integer.toString(launch.port()),
                "--sslport", Integer.toString(launch.httpsPort()),
                "--sslcert", launch.certificateAlias(),
                // the key store's password reaches Payara in a private file, not on a command line others can read
                "--systemproperties", launch.systemProperties().toString(),
                // no cluster discovery on the network (spike P7); the boot file also turns Hazelcast off
                "--nocluster",
                "--disablephonehome",
                "--prebootcommandfile", launch.bootCommandFile().toString(),
                // the unpacked runtime goes to the data directory instead of /tmp/payaramicro-rt*, which a
                // killed Payara leaves behind (spike P10); the launcher empties it before every start
                ROOTDIR_FLAG, launch.runtimeDir().toString()));
    }

    private static List<String> withLogProperties(Optional<Path> logProperties, List<String> command) {
        if (logProperties.isEmpty()) {
            return command;
        }
        List<String> withFile = new ArrayList<>(command);
        withFile.addAll(List.of("--logproperties", logProperties.get().toString()));
        return List.copyOf(withFile);
    }

    /** A node of {@code ./keygate cluster}: plain HTTP on loopback behind the proxy, one Hazelcast member. */
    record NodeLaunch(Path javaHome, Path payaraJar, Path war, String name, int port, Path bootCommandFile, Path runtimeDir, String heap,
                      String clusterName, List<Integer> clusterPorts, int clusterPort, Duration shutdownGrace, Optional<Path> logProperties) {
    }

    static List<String> nodeCommand(NodeLaunch launch) {
        String members = launch.clusterPorts().stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
        return withLogProperties(launch.logProperties(), List.of(
                launch.javaHome().resolve("bin/java").toString(),
                "-Xmx" + launch.heap(), "-XX:+UseSerialGC",
                // Hazelcast binds the address --interfaces names, not every one, and never calls home
                "-Dhazelcast.socket.bind.any=false", "-Dhazelcast.phone.home.enabled=false",
                // without its own hook Hazelcast stays in the cluster until Payara has stopped: the application's end
                // runs, and sessions written during the shutdown grace still reach the other nodes
                "-Dhazelcast.shutdownhook.enabled=false",
                "-jar", launch.payaraJar().toString(),
                "--deploy", launch.war().toString(),
                "--contextroot", "/",
                "--port", Integer.toString(launch.port()),
                "--prebootcommandfile", launch.bootCommandFile().toString(),
                "--clustermode", "tcpip:" + members,
                "--interfaces", "127.0.0.1",
                "--clustername", launch.clusterName(),
                "--startport", Integer.toString(launch.clusterPort()),
                "--name", launch.name(),
                "--disablephonehome",
                // SIGTERM: Payara keeps serving this long before it stops, so requests in flight finish
                "--shutdowngrace", Long.toString(launch.shutdownGrace().toMillis()),
                ROOTDIR_FLAG, launch.runtimeDir().toString()));
    }

    /** The launcher's environment plus the database login and the other settings the WAR reads. */
    static Map<String, String> environment(Map<String, String> inherited, DatabaseLogin db, Path dataDir, boolean demo,
                                           boolean embeddedDatabase) {
        Map<String, String> env = new HashMap<>(inherited);
        env.put("KEYGATE_DB_URL", db.url());
        env.put("KEYGATE_DB_USER", db.user());
        env.put("KEYGATE_DB_PASSWORD", db.password());
        if (db.appUser() != null) {
            env.put("KEYGATE_DB_APP_USER", db.appUser());
            env.put("KEYGATE_DB_APP_PASSWORD", db.appPassword());
        }
        env.put("KEYGATE_DATA_DIR", dataDir.toString());
        if (embeddedDatabase) {
            // key material belongs with the database it protects; an external database brings its own
            env.putIfAbsent(KeyMaterialFiles.PEPPER_VARIABLE, dataDir.resolve(KeyMaterialFiles.PEPPER_FILE).toString());
            env.putIfAbsent(KeyMaterialFiles.MASTER_KEY_VARIABLE, dataDir.resolve(KeyMaterialFiles.MASTER_KEY_FILE).toString());
        }
        if (demo) {
            env.put("KEYGATE_DEMO", "true");
        }
        return env;
    }

    static PayaraServer start(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new PayaraServer(builder.start());
    }

    Process process() {
        return process;
    }

    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** SIGTERM lets Payara undeploy and close its pool; SIGKILL only if it hangs. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        Console.say("stopping Keygate...");
        process.destroy();
        if (!LeftoverProcesses.awaitExit(process.toHandle(), STOP_GRACE)) {
            Console.say("Payara did not stop within " + STOP_GRACE.toSeconds() + " s; killing it");
            process.destroyForcibly();
            LeftoverProcesses.awaitExit(process.toHandle(), STOP_GRACE);
        }
    }
}
