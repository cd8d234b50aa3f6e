package io.keygate.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileTreeTest {

    @TempDir
    Path temp;

    @Test
    void emptiesTheDirectoryButKeepsIt() throws IOException {
        Path runtime = Files.createDirectories(temp.resolve("payara-runtime"));
        Files.createDirectories(runtime.resolve("config/branding"));
        Files.writeString(runtime.resolve("config/domain.xml"), "<domain/>");
        Files.writeString(runtime.resolve("lockfile"), "");
        Path outside = Files.writeString(temp.resolve("db-password"), "keep");
        Files.createSymbolicLink(runtime.resolve("link"), outside);

        FileTree.empty(runtime);

        assertTrue(Files.isDirectory(runtime));
        try (var files = Files.list(runtime)) {
            assertEquals(0, files.count());
        }
        assertEquals("keep", Files.readString(outside));
    }
}
