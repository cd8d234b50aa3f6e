package io.keygate.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Cleans up after a launcher that was killed (kill -9, OOM killer, power loss) before it could
 * stop its children. Runs while holding the data directory lock, so no live launcher owns them.
 */
final class LeftoverProcesses {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private LeftoverProcesses() {
    }

    static void stop(Path payaraRuntimeDir, Path postgresDir) throws IOException {
        // Payara first: it holds the HTTP port and connections to PostgreSQL
        ProcessHandle.allProcesses()
                .filter(p -> hasOption(arguments(p), PayaraServer.ROOTDIR_FLAG, payaraRuntimeDir.toString()))
                .forEach(p -> stop(p, "Keygate server"));

        Path pidFile = postgresDir.resolve("postmaster.pid");
        stopNamedIn(pidFile, p -> hasOption(arguments(p), "-D", postgresDir.toString()), "PostgreSQL");
        // After kill -9 the file stays. PostgreSQL only ignores it if its PID is unused; after a reboot
        // the PID often belongs to another process of the same user, and PostgreSQL would refuse to start.
        if (Files.deleteIfExists(pidFile)) {
            Console.say("removed the stale " + pidFile + " of a PostgreSQL that did not shut down cleanly");
        }
    }

    /**
     * The nginx of {@code ./keygate cluster} whose site is {@code siteDir}: it holds the proxy's ports, and outlives a
     * launcher killed with -9 as the nodes do. Its master wrote its pid into the site's {@code nginx.pid}; a pid that
     * now belongs to another process (after a reboot) is left alone, since nginx names its site in its process title.
     */
    static void stopProxy(Path siteDir) throws IOException {
        stopNamedIn(siteDir.resolve("nginx.pid"), p -> isProxyOf(processTitle(p), siteDir), "nginx");
    }

    /** Stops the process the pid file names, if there is one and it is still the {@code what} that wrote it. */
    private static void stopNamedIn(Path pidFile, Predicate<ProcessHandle> stillIt, String what) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        postmasterPid(Files.readAllLines(pidFile, StandardCharsets.UTF_8))
                .stream()
                .mapToObj(ProcessHandle::of)
                .flatMap(Optional::stream)
                .filter(stillIt)
                .forEach(p -> stop(p, what));
    }

    /** nginx's master sets its title to {@code nginx: master process <binary> -p <site> -c ...}, one string. */
    static boolean isProxyOf(String processTitle, Path siteDir) {
        return processTitle.startsWith("nginx: master process ") && (processTitle + " ").contains(" -p " + siteDir + " ");
    }

    /** What {@code /proc} shows as the process's command line; Java's {@link ProcessHandle.Info} drops a rewritten title. */
    private static String processTitle(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
        } catch (IOException gone) {
            return "";
        }
    }

    /** First line of postmaster.pid (or of nginx.pid, which holds only that): the PID of the process. */
    static OptionalLong postmasterPid(List<String> pidFileLines) {
        if (pidFileLines.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(pidFileLines.get(0).strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** True when the arguments hold {@code option value} as two consecutive elements. */
    static boolean hasOption(List<String> arguments, String option, String value) {
        for (int i = 0; i + 1 < arguments.size(); i++) {
            if (arguments.get(i).equals(option) && arguments.get(i + 1).equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> arguments(ProcessHandle process) {
        return process.info().arguments().map(List::of).orElse(List.of());
    }

    private static void stop(ProcessHandle process, String what) {
        Console.say("stopping the " + what + " (pid " + process.pid() + ") left running by an earlier launcher");
        process.destroy();
        if (!awaitExit(process, GRACE)) {
            process.destroyForcibly();
            awaitExit(process, GRACE);
        }
    }

    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        CompletableFuture<ProcessHandle> exit = process.onExit();
        try {
            exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }
}
