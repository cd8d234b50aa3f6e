package io.keygate.keymaterial.internal;

import static io.keygate.keymaterial.api.SecretsFileException.Problem.ALREADY_EXISTS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.keymaterial.api.SecretsFileException;
import io.keygate.keymaterial.api.SecretsFiles;
import io.keygate.keymaterial.api.VersionedSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsFileWriterTest {

    @TempDir
    Path dir;

    @Test
    void createsAnOwnerOnlyFileWithOneFreshVersionThatReadsBack() throws IOException {
        Path file = dir.resolve("data/pepper");

        VersionedSecrets created = SecretsFiles.create(file);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(1), List.copyOf(created.versions()));
        List<String> versionLines = Files.readAllLines(file).stream().filter(line -> !line.startsWith("#")).toList();
        assertEquals(1, versionLines.size());
        assertTrue(versionLines.get(0).matches("v1:[A-Za-z0-9+/]{43}="), "one line v1:<base64 of 32 bytes>");
        assertArrayEquals(created.key(1, "AES").getEncoded(), SecretsFiles.read(file).key(1, "AES").getEncoded());
        assertEquals(List.of(file.getFileName()), listing(file.getParent()), "no temporary file left behind");
    }

    @Test
    void drawsADifferentSecretForEveryFile() {
        byte[] first = SecretsFiles.create(dir.resolve("a")).key(1, "AES").getEncoded();
        byte[] second = SecretsFiles.create(dir.resolve("b")).key(1, "AES").getEncoded();

        assertFalse(java.util.Arrays.equals(first, second));
    }

    @Test
    void neverOverwritesAnExistingFile() throws IOException {
        Path file = dir.resolve("master-key");
        Files.writeString(file, "precious");

        SecretsFileException refused = assertThrows(SecretsFileException.class, () -> SecretsFiles.create(file));

        assertEquals(ALREADY_EXISTS, refused.problem());
        assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
        assertEquals("precious", Files.readString(file));
    }

    @Test
    void readOrCreateCreatesOnceThenKeepsReadingTheSameSecret() {
        Path file = dir.resolve("pepper");

        byte[] first = SecretsFiles.readOrCreate(file).key(1, "HmacSHA256").getEncoded();
        VersionedSecrets again = SecretsFiles.readOrCreate(file);

        assertEquals(List.of(1), List.copyOf(again.versions()));
        assertArrayEquals(first, again.key(1, "HmacSHA256").getEncoded());
    }

    @Test
    void addsTheNextVersionKeepingTheOlderOnesAndTheMode() throws IOException {
        Path file = dir.resolve("master-key");
        byte[] v1 = SecretsFiles.create(file).key(1, "AES").getEncoded();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));

        assertEquals(2, SecretsFiles.addVersion(file));
        assertEquals(3, SecretsFiles.addVersion(file));

        VersionedSecrets rotated = SecretsFiles.read(file);
        assertEquals(List.of(1, 2, 3), List.copyOf(rotated.versions()));
        assertEquals(3, rotated.currentVersion());
        assertArrayEquals(v1, rotated.key(1, "AES").getEncoded());
        assertFalse(java.util.Arrays.equals(rotated.key(2, "AES").getEncoded(), rotated.key(3, "AES").getEncoded()));
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(file.getFileName()), listing(dir), "no temporary file left behind");
    }

    @Test
    void addsAVersionAfterALastLineWithoutNewline() throws IOException {
        Path file = dir.resolve("pepper");
        SecretsFiles.create(file);
        String content = Files.readString(file);
        Files.writeString(file, content.stripTrailing());

        assertEquals(2, SecretsFiles.addVersion(file));
        assertEquals(List.of(1, 2), List.copyOf(SecretsFiles.read(file).versions()));
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(Path::getFileName).toList();
        }
    }
}
