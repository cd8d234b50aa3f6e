package io.keygate.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrivateFilesTest {

    @TempDir
    Path temp;

    @Test
    void generatedSecretIsReadableByTheOwnerOnly() throws IOException {
        Path file = temp.resolve("db-password");

        String secret = PrivateFiles.secret(file);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, secret.length());
        assertTrue(secret.matches("[A-Za-z0-9]+"), secret);
        assertEquals(secret + "\n", Files.readString(file));
    }

    @Test
    void storedSecretIsReused() throws IOException {
        Path file = temp.resolve("db-password");
        String first = PrivateFiles.secret(file);

        assertEquals(first, PrivateFiles.secret(file));
    }

    @Test
    void secretWrittenByHandIsUsedAndLockedDown() throws IOException {
        Path file = temp.resolve("db-password");
        Files.writeString(file, "chosen-by-admin\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertEquals("chosen-by-admin", PrivateFiles.secret(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void emptySecretFileIsAnError() throws IOException {
        Path file = temp.resolve("db-password");
        Files.writeString(file, "\n");

        assertThrows(IOException.class, () -> PrivateFiles.secret(file));
    }

    @Test
    void noTemporaryFilesAreLeftBehind() throws IOException {
        PrivateFiles.secret(temp.resolve("db-password"));

        try (var files = Files.list(temp)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void secretsDiffer() {
        assertNotEquals(PrivateFiles.randomSecret(), PrivateFiles.randomSecret());
    }

    @Test
    void newDataDirectoryIsPrivate() throws IOException {
        Path dir = PrivateFiles.directory(temp.resolve("a/data"));

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void existingDirectoryKeepsItsMode() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("data"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));

        PrivateFiles.directory(dir);

        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }
}
