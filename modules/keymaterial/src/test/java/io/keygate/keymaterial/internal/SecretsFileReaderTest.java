package io.keygate.keymaterial.internal;

import static io.keygate.keymaterial.api.SecretsFileException.Problem.DUPLICATE_VERSION;
import static io.keygate.keymaterial.api.SecretsFileException.Problem.MALFORMED_LINE;
import static io.keygate.keymaterial.api.SecretsFileException.Problem.MISSING;
import static io.keygate.keymaterial.api.SecretsFileException.Problem.NO_VERSION;
import static io.keygate.keymaterial.api.SecretsFileException.Problem.UNREADABLE;
import static io.keygate.keymaterial.api.SecretsFileException.Problem.WRONG_LENGTH;
import static io.keygate.keymaterial.api.SecretsFileException.Problem.WRONG_MODE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.keymaterial.api.SecretsFileException;
import io.keygate.keymaterial.api.SecretsFiles;
import io.keygate.keymaterial.api.VersionedSecrets;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsFileReaderTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void readsVersionsSkippingCommentsAndBlankLinesTheHighestIsCurrent() throws IOException {
        byte[] one = random(32);
        byte[] three = random(32);
        Path file = write("\uFEFF# pepper\r\n\n  v3:" + b64(three) + "   # rotated\r\n\t\nv1:" + b64(one) + "\n");

        VersionedSecrets secrets = SecretsFiles.read(file);

        assertEquals(List.of(1, 3), List.copyOf(secrets.versions()));
        assertEquals(3, secrets.currentVersion());
        assertArrayEquals(one, secrets.key(1, "AES").getEncoded());
        assertArrayEquals(three, secrets.key(3, "AES").getEncoded());
        assertTrue(secrets.source().contains(file.toString()));
    }

    @Test
    void acceptsReadOnlyForTheOwner() throws IOException {
        Path file = write("v1:" + b64(random(32)) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));

        assertEquals(1, SecretsFiles.read(file).currentVersion());
    }

    @Test
    void refusesAMissingFile() {
        assertProblem(MISSING, "does not exist", dir.resolve("absent"));
    }

    @Test
    void refusesSomethingThatIsNotAFile() {
        assertProblem(UNREADABLE, "is not a regular file", dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rwx------", "rw--w----", "-w-------", "---------"})
    void refusesAnyModeButOwnerReadWriteOrReadOnly(String mode) throws IOException {
        Path file = write("v1:" + b64(random(32)) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));

        SecretsFileException refused = assertProblem(WRONG_MODE, "must be 0600 or 0400", file);

        assertTrue(refused.getMessage().contains("has mode " + SecretsFileReader.octal(PosixFilePermissions.fromString(mode))),
                refused.getMessage());
    }

    @Test
    void namesTheModeInOctal() {
        assertEquals("0644", SecretsFileReader.octal(PosixFilePermissions.fromString("rw-r--r--")));
        assertEquals("0600", SecretsFileReader.octal(PosixFilePermissions.fromString("rw-------")));
        assertEquals("0751", SecretsFileReader.octal(PosixFilePermissions.fromString("rwxr-x--x")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "# only a comment\n", "   \n# v1:AAAA\n"})
    void refusesAFileWithoutAVersion(String content) throws IOException {
        assertProblem(NO_VERSION, "holds no version", write(content));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x1:%s", "1:%s", "v:%s", "v0:%s", "v01:%s", "v32768:%s", "v1x:%s", "v-1:%s", "v1 %s",
            "v1 :%s", "V1:%s", "v1: %s x", "v1:%s=x", "v1:%s!", "v1:%s:"})
    void refusesAMalformedLineNamingItsNumberButNotItsContent(String line) throws IOException {
        String secret = b64(random(32));
        Path file = write("# comment\nv7:" + b64(random(32)) + "\n" + line.formatted(secret) + "\n");

        SecretsFileException refused = assertProblem(MALFORMED_LINE, "line 3: ", file);

        assertFalse(refused.getMessage().contains(secret), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 31, 33, 64})
    void refusesASecretOfTheWrongLength(int length) throws IOException {
        Path file = write("v1:" + b64(random(32)) + "\nv2:" + b64(random(length)) + "\n");

        assertProblem(WRONG_LENGTH, "line 2: v2 is " + length + " bytes, expected 32", file);
    }

    @Test
    void refusesADuplicateVersion() throws IOException {
        Path file = write("v2:" + b64(random(32)) + "\nv1:" + b64(random(32)) + "\n\nv2:" + b64(random(32)) + "\n");

        assertProblem(DUPLICATE_VERSION, "line 4: v2 already appears on line 1", file);
    }

    @Test
    void skipsTheModeCheckWhereTheFileSystemHasNoPosixPermissions() throws IOException {
        URI zip = URI.create("jar:" + dir.resolve("secrets.zip").toUri());
        try (FileSystem noPosix = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            Path file = noPosix.getPath("/pepper");
            Files.writeString(file, "v1:" + b64(random(32)) + "\n");
            assertTrue(Files.getFileAttributeView(file, PosixFileAttributeView.class) == null, "the zip file system has no POSIX view");

            assertEquals(1, SecretsFiles.read(file).currentVersion());
        }
    }

    private SecretsFileException assertProblem(SecretsFileException.Problem problem, String detail, Path file) {
        SecretsFileException refused = assertThrows(SecretsFileException.class, () -> SecretsFiles.read(file));
        assertEquals(problem, refused.problem(), refused.getMessage());
        assertEquals(file, refused.file());
        assertTrue(refused.getMessage().startsWith("Secrets file " + file + ": "), refused.getMessage());
        assertTrue(refused.getMessage().contains(detail), refused.getMessage());
        return refused;
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "secrets", ".txt", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
