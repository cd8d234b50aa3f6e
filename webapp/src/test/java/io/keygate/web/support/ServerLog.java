package io.keygate.web.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The log of the test servers ({@code payara.log.file}), for tests that prove what is and is not logged. Payara writes
 * it from a queue, a moment after the fact: read it through {@link #readThrough} while a server runs, and with
 * {@link #readAfterServersStopped} once the suite's servers are gone.
 */
public final class ServerLog {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Were the log to rotate (Payara Micro's own --logtofile: ten files of 1,024,000 bytes), the oldest would be dropped. */
    private static final int KEPT_GENERATIONS = 10;

    private ServerLog() {
    }

    /** The log once the server at {@code base} has written everything it logged before this call. */
    public static String readThrough(URL base) {
        return readThrough(base, LogBarrierProbe.MARKER + UUID.randomUUID()).log();
    }

    /** Has the server at {@code base} log a unique line now; what it logs later comes after it ({@link #since}). */
    public static String mark(URL base) {
        String marker = LogBarrierProbe.MARKER + UUID.randomUUID();
        return readThrough(base, marker).marker();
    }

    /** What the server at {@code base} logged after {@code mark}, once all of it is written. */
    public static String since(URL base, String mark) {
        String log = readThrough(base);
        return log.substring(log.indexOf(mark) + mark.length());
    }

    private record Barrier(String marker, String log) {
    }

    private static Barrier readThrough(URL base, String marker) {
        String id = marker.substring(LogBarrierProbe.MARKER.length());
        try {
            HttpResponse<Void> logged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    base.toURI().resolve(LogBarrierProbe.PATH.substring(1) + "?id=" + id)).build(), HttpResponse.BodyHandlers.discarding());
            if (logged.statusCode() != 204) {
                throw new IllegalStateException("the log barrier answered " + logged.statusCode());
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Instant giveUp = Instant.now().plus(PATIENCE);
        String log = read();
        while (!log.contains(marker)) {
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("the server did not write its log barrier within " + PATIENCE);
            }
            pause();
            log = read();
        }
        return new Barrier(marker, log);
    }

    /**
     * The log once no test server holds it open any more (a server that is stopping still writes its last records and
     * holds its {@code .lck} file locked until done).
     */
    public static String readAfterServersStopped() {
        Instant giveUp = Instant.now().plus(PATIENCE);
        while (files(true).anyMatch(ServerLog::isHeld)) {
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("a test server still holds the log after " + PATIENCE);
            }
            pause();
        }
        if (files(false).anyMatch(file -> generation(file) >= KEPT_GENERATIONS - 1)) {
            // a check of the whole log would then pass on what is left of it
            throw new IllegalStateException("the log filled all " + KEPT_GENERATIONS + " files Payara keeps; its oldest part may be gone");
        }
        return read();
    }

    /**
     * Every file of it: Payara's file handler writes the configured name with a generation suffix ({@code .0},
     * {@code .1}, ...), beside a {@code .lck} file that exists only while a server runs and holds no log.
     */
    private static String read() {
        StringBuilder log = new StringBuilder();
        try {
            for (Path file : files(false).sorted(OLDEST_FIRST).toList()) {
                log.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return log.toString();
    }

    /** The handler renames full files upwards ({@code .0} is the newest), so the highest generation is the oldest. */
    private static final java.util.Comparator<Path> OLDEST_FIRST = java.util.Comparator.comparingInt(ServerLog::generation).reversed();

    private static int generation(Path file) {
        String name = file.getFileName().toString();
        String suffix = name.substring(name.lastIndexOf('.') + 1);
        return suffix.matches("\\d+") ? Integer.parseInt(suffix) : 0;
    }

    private static Stream<Path> files(boolean withLocks) {
        Path configured = Path.of(System.getProperty("payara.log.file"));
        String name = configured.getFileName().toString();
        try (Stream<Path> files = Files.list(configured.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith(name)
                    && (withLocks || !f.getFileName().toString().endsWith(".lck"))).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code .lck} file a running server holds locked; one a killed server left behind is free. */
    private static boolean isHeld(Path file) {
        if (!file.getFileName().toString().endsWith(".lck")) {
            return false;
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (java.nio.channels.OverlappingFileLockException inThisJvm) {
            return true;
        } catch (IOException gone) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
