package io.keygate.keymaterial.internal;

import static io.keygate.keymaterial.api.SecretsFileException.Problem.DUPLICATE_VERSION;
import static io.keygate.keymaterial.api.SecretsFileException.Problem.MALFORMED_LINE;
import static io.keygate.keymaterial.api.SecretsFileException.Problem.MISSING;
import static io.keygate.keymaterial.api.SecretsFileException.Problem.NO_VERSION;
import static io.keygate.keymaterial.api.SecretsFileException.Problem.UNREADABLE;
import static io.keygate.keymaterial.api.SecretsFileException.Problem.WRONG_LENGTH;
import static io.keygate.keymaterial.api.SecretsFileException.Problem.WRONG_MODE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;

import io.keygate.keymaterial.api.SecretsFileException;
import io.keygate.keymaterial.api.VersionedSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parses a secrets file from its bytes (never through {@code String}s, so the secrets can be zeroed
 * afterwards). Messages name lines and versions, never their content.
 */
public final class SecretsFileReader {

    static final Set<PosixFilePermission> OWNER_READ_WRITE = EnumSet.of(OWNER_READ, OWNER_WRITE);
    static final Set<PosixFilePermission> OWNER_READ_ONLY = EnumSet.of(OWNER_READ);
    private static final String LINE_FORM = "v<n>:<base64 of " + VersionedSecrets.SECRET_LENGTH + " bytes>";

    private SecretsFileReader() {
    }

    public static boolean exists(Path file) {
        return Files.exists(file);
    }

    public static SecretRing read(Path file) {
        byte[] content = readContent(file);
        Map<Integer, byte[]> secrets = new TreeMap<>();
        try {
            parse(file, content, secrets);
            return new SecretRing("secrets file " + file, secrets);
        } finally {
            Arrays.fill(content, (byte) 0);
            secrets.values().forEach(secret -> Arrays.fill(secret, (byte) 0));
        }
    }

    /** The file's bytes, after checking that it exists, is a regular file and is private to its owner. */
    static byte[] readContent(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new SecretsFileException(file, MISSING, "does not exist");
        } catch (IOException e) {
            throw new SecretsFileException(file, UNREADABLE, "cannot be read (" + e + ")", e);
        }
        if (!attributes.isRegularFile()) {
            throw new SecretsFileException(file, UNREADABLE, "is not a regular file");
        }
        requireOwnerOnly(file);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SecretsFileException(file, UNREADABLE, "cannot be read (" + e + ")", e);
        }
    }

    /** Skipped where the file system has no POSIX permissions (Windows, some mounts). */
    static void requireOwnerOnly(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException | UnsupportedOperationException e) {
            throw new SecretsFileException(file, UNREADABLE, "its permissions cannot be read (" + e + ")", e);
        }
        if (!permissions.equals(OWNER_READ_WRITE) && !permissions.equals(OWNER_READ_ONLY)) {
            throw new SecretsFileException(file, WRONG_MODE, "has mode " + octal(permissions)
                    + "; it must be 0600 or 0400 so that only its owner can read it (chmod 600 " + file + ")");
        }
    }

    static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return String.format("%04o", mode);
    }

    static void parse(Path file, byte[] content, Map<Integer, byte[]> secrets) {
        Map<Integer, Integer> lineOfVersion = new HashMap<>();
        int start = startsWithByteOrderMark(content) ? 3 : 0;
        int lineNumber = 0;
        while (start < content.length) {
            int end = indexOf(content, (byte) '\n', start, content.length);
            end = end < 0 ? content.length : end;
            lineNumber++;
            parseLine(file, content, start, end, lineNumber, secrets, lineOfVersion);
            start = end + 1;
        }
        if (secrets.isEmpty()) {
            throw new SecretsFileException(file, NO_VERSION, "holds no version, expected a line " + LINE_FORM);
        }
    }

    private static void parseLine(Path file, byte[] content, int from, int to, int lineNumber,
                                  Map<Integer, byte[]> secrets, Map<Integer, Integer> lineOfVersion) {
        int comment = indexOf(content, (byte) '#', from, to);
        to = comment < 0 ? to : comment;
        while (from < to && isBlank(content[from])) {
            from++;
        }
        while (to > from && isBlank(content[to - 1])) {
            to--;
        }
        if (from == to) {
            return;
        }
        int colon = indexOf(content, (byte) ':', from, to);
        if (content[from] != 'v' || colon < 0) {
            throw malformed(file, lineNumber, "not of the form " + LINE_FORM);
        }
        int version = version(content, from + 1, colon);
        if (version < 1) {
            throw malformed(file, lineNumber, "no version from v1 to v" + VersionedSecrets.MAX_VERSION
                    + " (digits without leading zeros) before the colon");
        }
        byte[] secret = base64(file, lineNumber, version, content, colon + 1, to);
        if (secret.length != VersionedSecrets.SECRET_LENGTH) {
            Arrays.fill(secret, (byte) 0);
            throw new SecretsFileException(file, WRONG_LENGTH, "line " + lineNumber + ": v" + version + " is "
                    + secret.length + " bytes, expected " + VersionedSecrets.SECRET_LENGTH + " (base64 of 32 random bytes)");
        }
        Integer earlier = lineOfVersion.putIfAbsent(version, lineNumber);
        if (earlier != null) {
            Arrays.fill(secret, (byte) 0);
            throw new SecretsFileException(file, DUPLICATE_VERSION, "line " + lineNumber + ": v" + version
                    + " already appears on line " + earlier);
        }
        secrets.put(version, secret);
    }

    /** The version between {@code v} and the colon, or -1 if it is not 1..MAX_VERSION without leading zeros. */
    private static int version(byte[] content, int from, int to) {
        if (to - from < 1 || to - from > 5 || content[from] == '0') {
            return -1;
        }
        int version = 0;
        for (int i = from; i < to; i++) {
            if (content[i] < '0' || content[i] > '9') {
                return -1;
            }
            version = version * 10 + (content[i] - '0');
        }
        return version <= VersionedSecrets.MAX_VERSION ? version : -1;
    }

    private static byte[] base64(Path file, int lineNumber, int version, byte[] content, int from, int to) {
        byte[] encoded = Arrays.copyOfRange(content, from, to);
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            // the decoder's message may quote a character of the secret: not passed on
            throw malformed(file, lineNumber, "v" + version + " is not valid base64");
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    private static SecretsFileException malformed(Path file, int lineNumber, String detail) {
        return new SecretsFileException(file, MALFORMED_LINE, "line " + lineNumber + ": " + detail);
    }

    private static boolean startsWithByteOrderMark(byte[] content) {
        return content.length >= 3 && content[0] == (byte) 0xEF && content[1] == (byte) 0xBB && content[2] == (byte) 0xBF;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private static int indexOf(byte[] content, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (content[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
