package io.keygate.web.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The log of the test servers ({@code payara.log.file}), for tests that prove what is and is not logged. */
public final class ServerLog {

    private ServerLog() {
    }

    /**
     * Every file of it: Payara's file handler writes the configured name with a generation suffix ({@code .0},
     * {@code .1}, ...), beside a {@code .lck} file that exists only while a server runs and holds no log.
     */
    public static String read() {
        Path configured = Path.of(System.getProperty("payara.log.file"));
        String name = configured.getFileName().toString();
        StringBuilder log = new StringBuilder();
        try (Stream<Path> files = Files.list(configured.getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(name) && !f.getFileName().toString().endsWith(".lck"))
                    .sorted().toList()) {
                log.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return log.toString();
    }
}
