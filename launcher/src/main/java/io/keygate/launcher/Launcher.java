package io.keygate.launcher;

import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@code ./keygate run}: database, then Payara with the WAR, then wait until Ctrl-C or Payara ends.
 * {@code ./keygate cluster}: database, then two Payara nodes one after the other (one cluster on loopback), then nginx
 * in front; a node that ends leaves the others serving, and Ctrl-C stops them all.
 */
final class Launcher {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    static final int CLUSTER_NODES = 2;
    /** Where {@code ./keygate cluster} keeps its nginx site: configuration, certificate copy, logs, pid file. */
    static final String PROXY_DIRECTORY = "nginx";

    private final LauncherConfig config;
    private final boolean demo;
    private final boolean cluster;
    private final ShutdownSequence shutdown = new ShutdownSequence();
    private ServerCertificate certificate;

    Launcher(LauncherConfig config, boolean demo, boolean cluster) {
        this.config = config;
        this.demo = demo;
        this.cluster = cluster;
    }

    /** Returns the process exit code. */
    int run() {
        try {
            return startAndWait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (Exception e) {
            if (shutdown.isClosing()) {
                return 130; // Ctrl-C during a start: the start was cut short on purpose
            }
            Console.error(e.getMessage() == null ? e.toString() : e.getMessage());
            return 1;
        }
    }

    private int startAndWait() throws Exception {
        long startNanos = System.nanoTime();
        Optional<String> missing = missingFile();
        if (missing.isPresent()) {
            Console.error(missing.get());
            return 1;
        }
        Path dataDir = PrivateFiles.directory(config.dataDir());
        if (!DataDirectoryLock.acquire(dataDir)) {
            Console.error("another ./keygate run is already using " + dataDir);
            return 1;
        }
        Path runtimeDir = dataDir.resolve("payara-runtime");
        // before the port check: a Payara left over from a killed launcher may be what holds the port
        LeftoverProcesses.stop(runtimeDir, config.postgresDir());
        for (int node = 1; node <= CLUSTER_NODES; node++) {
            LeftoverProcesses.stop(nodeRuntimeDir(dataDir, node), config.postgresDir());
        }
        LeftoverProcesses.stopProxy(dataDir.resolve(PROXY_DIRECTORY));
        for (int port : new int[] {config.port(), config.httpsPort()}) {
            if (!FreePort.isFree(config.bindAddress(), port)) {
                Console.error("port " + port + " on " + config.bindAddress() + " is in use; stop what listens there or choose another "
                        + "port with " + (port == config.port() ? "KEYGATE_PORT" : "KEYGATE_HTTPS_PORT"));
                return 1;
            }
        }
        Optional<Path> nginx = Optional.empty();
        if (cluster) {
            nginx = ReverseProxy.binary(config.nginx());
            if (nginx.isEmpty()) {
                Console.error("nginx not found" + (config.nginx() == null ? " at /usr/sbin/nginx: install Debian's nginx package "
                        + "(apt-get install nginx-light), or set KEYGATE_NGINX" : ": KEYGATE_NGINX=" + config.nginx() + " is not executable"));
                return 1;
            }
            for (int port : clusterPorts()) {
                if (!FreePort.isFree("127.0.0.1", port)) {
                    Console.error("port " + port + " on 127.0.0.1 is in use; a cluster node needs it (KEYGATE_PORT + 1.."
                            + CLUSTER_NODES + " for HTTP, KEYGATE_CLUSTER_PORT.. for Hazelcast)");
                    return 1;
                }
            }
        }
        // before the database starts: a configured key store that does not open is reported at once
        certificate = ServerCertificate.ensure(config, dataDir, Path.of(System.getProperty("java.home")));
        certificate.warnIfExpiring();
        Runtime.getRuntime().addShutdownHook(shutdown.asShutdownHook());

        boolean embedded = config.externalDatabase().isEmpty();
        boolean newDatabase = embedded && !Files.exists(config.postgresDir().resolve("PG_VERSION"));
        DatabaseLogin db = startDatabase(dataDir);
        if (cluster) {
            return startCluster(dataDir, db, embedded, newDatabase, nginx.get(), startNanos);
        }
        PayaraServer server = startPayara(dataDir, runtimeDir, db, embedded, newDatabase);
        return superviseUntilExit(server, startNanos);
    }

    private List<Integer> clusterPorts() {
        List<Integer> ports = new ArrayList<>();
        for (int node = 1; node <= CLUSTER_NODES; node++) {
            ports.add(nodePort(node));
            ports.add(config.clusterPort() + node - 1);
        }
        return ports;
    }

    private int nodePort(int node) {
        return config.port() + node;
    }

    private static Path nodeRuntimeDir(Path dataDir, int node) {
        return dataDir.resolve("payara-runtime-node-" + node);
    }

    /**
     * Starts the nodes one after the other (the first brings the schema up to date and makes the first admin; the
     * second then finds both done), then the proxy, and writes {@code <data>/cluster.properties}: each node's process
     * id and port, for an operator or a test that stops one.
     */
    private int startCluster(Path dataDir, DatabaseLogin db, boolean embedded, boolean newDatabase, Path nginx, long startNanos)
            throws Exception {
        Path bootFile = BootCommandFile.forClusterNode(config.bootCommandFile(), dataDir);
        Path javaHome = Path.of(System.getProperty("java.home"));
        // a name of this data directory's own: another cluster on the same machine never joins this one
        String clusterName = "keygate-" + PrivateFiles.secret(dataDir.resolve("cluster-name")).substring(0, 12);
        List<Integer> hazelcastPorts = IntStream.range(0, CLUSTER_NODES).mapToObj(node -> config.clusterPort() + node).toList();
        Properties state = new Properties();
        List<PayaraServer> nodes = new ArrayList<>();
        for (int node = 1; node <= CLUSTER_NODES; node++) {
            Path runtimeDir = nodeRuntimeDir(dataDir, node);
            Files.createDirectories(runtimeDir);
            FileTree.empty(runtimeDir);
            String name = "node-" + node;
            List<String> command = PayaraServer.nodeCommand(new PayaraServer.NodeLaunch(javaHome, config.payaraJar(), config.war(), name,
                    nodePort(node), bootFile, runtimeDir, config.heap(), clusterName, hazelcastPorts, config.clusterPort() + node - 1,
                    config.shutdownGrace(), config.jsonLogProperties()));
            DatabaseLogin nodeLogin = new DatabaseLogin(withApplicationName(db.url(), "keygate-" + name), db.user(), db.password(),
                    db.appUser(), db.appPassword());
            Map<String, String> environment = PayaraServer.environment(System.getenv(), nodeLogin, dataDir, demo && node == 1, embedded);
            environment.put("KEYGATE_HTTPS_PORT", Integer.toString(config.httpsPort()));
            environment.putIfAbsent("KEYGATE_ENROLLMENT_HOST", "localhost:" + config.httpsPort());
            // nginx on this machine ends TLS and says so in X-Forwarded-Proto
            environment.put("KEYGATE_TRUSTED_PROXIES", "127.0.0.1/32");
            if (embedded) {
                KeyMaterialFiles.ensure(environment, newDatabase && node == 1);
            }
            Console.say("starting Keygate " + name + " on 127.0.0.1:" + nodePort(node) + " (its log follows)...");
            PayaraServer server = shutdown.start(() -> PayaraServer.start(command, environment));
            URI ready = URI.create("http://127.0.0.1:" + nodePort(node) + "/health/ready");
            if (new ReadinessProbe(POLL_INTERVAL).await(ready, "\"migrations\"", server.process(), STARTUP_TIMEOUT)
                    != ReadinessProbe.Outcome.READY) {
                Console.error(name + " did not become ready (" + ready + ") within " + STARTUP_TIMEOUT.toSeconds()
                        + " s; look for SEVERE in its log above");
                return 1;
            }
            state.setProperty(name + ".pid", Long.toString(server.process().pid()));
            state.setProperty(name + ".port", Integer.toString(nodePort(node)));
            nodes.add(server);
        }
        // closed first (newest first): every node gets SIGTERM at once, so they spend their grace side by side, then
        // each is awaited in turn
        AutoCloseable signalEveryNode = () -> nodes.forEach(node -> node.process().destroy());
        shutdown.start(() -> signalEveryNode);
        Path proxyDir = PrivateFiles.directory(dataDir.resolve(PROXY_DIRECTORY));
        Path certificateFile = proxyDir.resolve("keygate.crt");
        Path keyFile = proxyDir.resolve("keygate.key");
        certificate.exportPem(certificateFile, keyFile);
        List<Integer> nodePorts = IntStream.rangeClosed(1, CLUSTER_NODES).mapToObj(this::nodePort).toList();
        ReverseProxy proxy = shutdown.start(() -> ReverseProxy.start(nginx, new ReverseProxy.Site(proxyDir, config.bindAddress(), config.port(),
                config.httpsPort(), certificateFile, keyFile, nodePorts)));
        state.setProperty("proxy.pid", Long.toString(proxy.process().pid()));
        state.setProperty("proxy.https.port", Integer.toString(config.httpsPort()));
        state.setProperty("proxy.access.log", proxyDir.resolve("access.log").toString());
        try (Writer out = Files.newBufferedWriter(dataDir.resolve("cluster.properties"), StandardCharsets.UTF_8)) {
            state.store(out, "./keygate cluster: its processes and ports, written when all are up");
        }
        Console.say(String.format("cluster of %d nodes started in %.1f s", CLUSTER_NODES, (System.nanoTime() - startNanos) / 1e9));
        System.out.println();
        System.out.println("Keygate (" + CLUSTER_NODES + " nodes behind nginx) is running at " + publicUrl("https", config.httpsPort()));
        System.out.println("  certificate SHA-256 " + fingerprint());
        System.out.println("  nodes: " + state.getProperty("node-1.port") + ", " + state.getProperty("node-2.port")
                + " on 127.0.0.1 (plain HTTP; /health/ready, /metrics); processes in " + dataDir.resolve("cluster.properties"));
        System.out.println("Stop it with Ctrl-C.");
        System.out.println();
        System.out.flush();
        return superviseCluster(nodes, proxy);
    }

    /** Returns once every node has ended, or the proxy has; a node that ends alone is reported and the rest go on. */
    private int superviseCluster(List<PayaraServer> nodes, ReverseProxy proxy) throws InterruptedException {
        Set<PayaraServer> reported = new HashSet<>();
        while (true) {
            if (!proxy.process().isAlive()) {
                if (!shutdown.isClosing()) {
                    Console.error("nginx exited with code " + proxy.process().exitValue() + "; see " + config.dataDir().resolve("nginx/error.log"));
                }
                return 1;
            }
            for (int i = 0; i < nodes.size(); i++) {
                PayaraServer node = nodes.get(i);
                if (!node.process().isAlive() && reported.add(node) && !shutdown.isClosing()) {
                    Console.say("node-" + (i + 1) + " exited with code " + node.process().exitValue() + "; the other nodes go on serving");
                }
            }
            if (reported.size() == nodes.size()) {
                return shutdown.isClosing() ? 0 : 1;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /** Names the node's connections in PostgreSQL (pg_stat_activity), which its database gauge counts. */
    static String withApplicationName(String url, String name) {
        return url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + name;
    }

    private DatabaseLogin startDatabase(Path dataDir) throws Exception {
        if (config.externalDatabase().isPresent()) {
            DatabaseLogin external = config.externalDatabase().get();
            // the query string may carry a password
            Console.say("using the external database " + external.url().split("\\?", 2)[0]);
            return external;
        }
        long start = System.nanoTime();
        boolean firstStart = !Files.exists(config.postgresDir().resolve("PG_VERSION"));
        Console.say(firstStart ? "creating the database in " + config.postgresDir() + "..." : "starting the database...");
        EmbeddedDatabase database = shutdown.start(() -> EmbeddedDatabase.start(dataDir, config.postgresDir()));
        Console.say(String.format("database started in %.1f s on port %d with data in %s",
                (System.nanoTime() - start) / 1e9, database.port(), config.postgresDir()));
        return database.login();
    }

    private PayaraServer startPayara(Path dataDir, Path runtimeDir, DatabaseLogin db, boolean embedded, boolean newDatabase) throws Exception {
        Files.createDirectories(runtimeDir);
        FileTree.empty(runtimeDir);
        Path bootFile = BootCommandFile.forAddress(config.bootCommandFile(), config.bindAddress(), dataDir);
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path systemProperties = runtimeDir.resolve("tls.properties");
        Files.createFile(systemProperties, PosixFilePermissions.asFileAttribute(PrivateFiles.OWNER_ONLY_FILE));
        try (Writer out = Files.newBufferedWriter(systemProperties, StandardCharsets.UTF_8)) {
            certificate.systemProperties().store(out, "HTTPS key store of Keygate; written by ./keygate run at every start");
        }
        List<String> command = PayaraServer.command(new PayaraServer.Launch(javaHome, config.payaraJar(), config.war(), config.port(),
                config.httpsPort(), certificate.alias(), systemProperties, bootFile, runtimeDir, config.heap(), config.jsonLogProperties()));
        Map<String, String> environment = PayaraServer.environment(System.getenv(), db, dataDir, demo, embedded);
        environment.put("KEYGATE_HTTPS_PORT", Integer.toString(config.httpsPort()));
        // keys carry this host; on a laptop the portal itself is where machines enroll, over HTTPS
        environment.putIfAbsent("KEYGATE_ENROLLMENT_HOST", "localhost:" + config.httpsPort());
        if (embedded) {
            KeyMaterialFiles.ensure(environment, newDatabase);
        }
        Console.say("starting Keygate" + (demo ? " with demo data" : "") + " (Payara Micro, its log follows)...");
        return shutdown.start(() -> PayaraServer.start(command, environment));
    }

    /** Waits for the login page, then for Payara to end; returns the launcher's exit code. */
    private int superviseUntilExit(PayaraServer server, long startNanos) throws InterruptedException {
        switch (new ReadinessProbe(POLL_INTERVAL).await(probeUri(), server.process(), STARTUP_TIMEOUT)) {
            case READY:
                Console.say(String.format("started in %.1f s", (System.nanoTime() - startNanos) / 1e9));
                System.out.println();
                System.out.println("Keygate is running at " + publicUrl("https", config.httpsPort()));
                System.out.println("  certificate SHA-256 " + fingerprint());
                System.out.println("  (self-signed unless KEYGATE_TLS_KEYSTORE names one: accept it in the browser once; machines enroll");
                System.out.println("  with keygate-enroll --server-sha256 <the fingerprint> or --ca-file " + caFileHint() + ")");
                System.out.println("Plain HTTP at " + publicUrl("http", config.port()) + " is served to this machine only.");
                System.out.println("Stop it with Ctrl-C.");
                System.out.println();
                System.out.flush();
                int exitCode = server.waitFor();
                // Ctrl-C reaches Payara too (same process group) and the shutdown hook reports the stop
                if (!shutdown.isClosing()) {
                    Console.say("Payara Micro exited with code " + exitCode);
                }
                return exitCode;
            case EXITED:
                int code = server.waitFor();
                if (!shutdown.isClosing()) { // else stopped by Ctrl-C/SIGTERM, which is no error
                    Console.error("Payara Micro exited during startup with code " + code + "; see its log above");
                }
                return code == 0 ? 1 : code;
            default:
                // Payara Micro keeps running when the deployment fails, so a SEVERE in its log usually explains this
                Console.error("Keygate did not answer " + probeUri() + " within " + STARTUP_TIMEOUT.toSeconds()
                        + " s; look for SEVERE in the log above (a WAR that failed to deploy)");
                return 1;
        }
    }

    private Optional<String> missingFile() {
        if (!Files.isRegularFile(config.war())) {
            return Optional.of(config.war() + " not found: build it with ./mvnw package, or set KEYGATE_WAR");
        }
        for (Path file : List.of(config.payaraJar(), config.bootCommandFile())) {
            if (!Files.isRegularFile(file)) {
                return Optional.of(file + " not found: run ./keygate from the repository root after ./mvnw package");
            }
        }
        return Optional.empty();
    }

    /** Where to ask for the login page: a wildcard bind address is reached through loopback. */
    private String probeHost() {
        String bind = config.bindAddress();
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    }

    private URI probeUri() {
        return URI.create("http://" + urlHost(probeHost()) + ":" + config.port() + "/login.xhtml");
    }

    private String publicUrl(String scheme, int port) {
        String host = probeHost().equals("127.0.0.1") ? "localhost" : urlHost(probeHost());
        return scheme + "://" + host + ":" + port + "/";
    }

    private String fingerprint() {
        try {
            return certificate.fingerprint();
        } catch (java.io.IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    private String caFileHint() {
        return config.tlsKeyStore().isPresent() ? "<its CA's certificate>" : config.dataDir().resolve("tls/keygate.crt").toString();
    }

    private static String urlHost(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
