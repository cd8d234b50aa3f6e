package io.keygate.keymaterial.internal;

import static io.keygate.keymaterial.api.SecretsFileException.Problem.ALREADY_EXISTS;
import static io.keygate.keymaterial.api.SecretsFileException.Problem.UNWRITABLE;

import io.keygate.keymaterial.api.SecretsFileException;
import io.keygate.keymaterial.api.VersionedSecrets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * Writes secrets files: under a temporary name that is private (0600) from its first byte, flushed
 * to disk, then renamed, so the file is never readable by others and never half-written.
 */
public final class SecretsFileWriter {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HEADER = """
            # Keygate secrets file: one line per version, v<n>:<base64 of 32 random bytes>.
            # The highest version is current; keep older lines while data made with them exists.
            # Rotate by adding a line with the next version. Keep this file readable by its owner
            # only (mode 0600 or 0400) and back it up: what it protects is lost without it.
            """;

    private SecretsFileWriter() {
    }

    public static void create(Path file) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new SecretsFileException(file, ALREADY_EXISTS, "already exists; it is never overwritten");
        }
        byte[] header = (HEADER + "# v1 created " + now() + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] line = randomVersionLine(1);
        byte[] content = join(header, line);
        try {
            write(file, content, SecretsFileReader.OWNER_READ_WRITE, false);
        } finally {
            Arrays.fill(line, (byte) 0);
            Arrays.fill(content, (byte) 0);
        }
    }

    public static int addVersion(Path file) {
        int next = SecretsFileReader.read(file).currentVersion() + 1;
        if (next > VersionedSecrets.MAX_VERSION) {
            throw new SecretsFileException(file, UNWRITABLE, "already holds the last version v" + VersionedSecrets.MAX_VERSION);
        }
        byte[] existing = SecretsFileReader.readContent(file);
        byte[] separator = existing.length == 0 || existing[existing.length - 1] == '\n' ? new byte[0] : new byte[] {'\n'};
        byte[] comment = ("# v" + next + " added " + now() + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] line = randomVersionLine(next);
        byte[] content = join(existing, separator, comment, line);
        try {
            write(file, content, currentPermissions(file), true);
            return next;
        } finally {
            Arrays.fill(existing, (byte) 0);
            Arrays.fill(line, (byte) 0);
            Arrays.fill(content, (byte) 0);
        }
    }

    private static byte[] randomVersionLine(int version) {
        byte[] secret = new byte[VersionedSecrets.SECRET_LENGTH];
        RANDOM.nextBytes(secret);
        byte[] encoded = Base64.getEncoder().encode(secret);
        try {
            return join(("v" + version + ":").getBytes(StandardCharsets.US_ASCII), encoded, new byte[] {'\n'});
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(encoded, (byte) 0);
        }
    }

    private static void write(Path file, byte[] content, Set<PosixFilePermission> finalPermissions, boolean replace) {
        Path temp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
            String prefix = "." + file.getFileName() + ".";
            temp = posix
                    ? Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(SecretsFileReader.OWNER_READ_WRITE))
                    : Files.createTempFile(dir, prefix, ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            if (posix) {
                // the umask may have taken bits away at creation, never added any; set the intended mode explicitly
                Files.setPosixFilePermissions(temp, finalPermissions);
            }
            move(temp, file, replace);
        } catch (FileAlreadyExistsException e) {
            throw new SecretsFileException(file, ALREADY_EXISTS, "already exists; it is never overwritten", e);
        } catch (IOException | UnsupportedOperationException e) {
            throw new SecretsFileException(file, UNWRITABLE, "cannot be written (" + e + ")", e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void move(Path temp, Path file, boolean replace) throws IOException {
        if (!replace) {
            Files.move(temp, file);
            return;
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Set<PosixFilePermission> currentPermissions(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        try {
            return view == null ? SecretsFileReader.OWNER_READ_WRITE : view.readAttributes().permissions();
        } catch (IOException e) {
            throw new SecretsFileException(file, UNWRITABLE, "its permissions cannot be read (" + e + ")", e);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // only a leftover private temporary file; the outcome was already decided
        }
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Concatenates into an array of the exact size, leaving no growing buffer with copies of a secret behind. */
    private static byte[] join(byte[]... parts) {
        byte[] joined = new byte[Arrays.stream(parts).mapToInt(part -> part.length).sum()];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, offset, part.length);
            offset += part.length;
        }
        return joined;
    }
}
