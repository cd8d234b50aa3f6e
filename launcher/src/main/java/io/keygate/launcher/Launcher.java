package io.keygate.launcher;

import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code ./keygate run}: database, then Payara with the WAR, then wait until Ctrl-C or Payara ends. */
final class Launcher {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final LauncherConfig config;
    private final boolean demo;
    private final ShutdownSequence shutdown = new ShutdownSequence();
    private ServerCertificate certificate;

    Launcher(LauncherConfig config, boolean demo) {
        this.config = config;
        this.demo = demo;
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
        for (int port : new int[] {config.port(), config.httpsPort()}) {
            if (!FreePort.isFree(config.bindAddress(), port)) {
                Console.error("port " + port + " on " + config.bindAddress() + " is in use; stop what listens there or choose another "
                        + "port with " + (port == config.port() ? "KEYGATE_PORT" : "KEYGATE_HTTPS_PORT"));
                return 1;
            }
        }
        // before the database starts: a configured key store that does not open is reported at once
        certificate = ServerCertificate.ensure(config, dataDir, Path.of(System.getProperty("java.home")));
        certificate.warnIfExpiring();
        Runtime.getRuntime().addShutdownHook(shutdown.asShutdownHook());

        boolean embedded = config.externalDatabase().isEmpty();
        boolean newDatabase = embedded && !Files.exists(config.postgresDir().resolve("PG_VERSION"));
        DatabaseLogin db = startDatabase(dataDir);
        PayaraServer server = startPayara(dataDir, runtimeDir, db, embedded, newDatabase);
        return superviseUntilExit(server, startNanos);
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
                config.httpsPort(), certificate.alias(), systemProperties, bootFile, runtimeDir, config.heap()));
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
