package io.keygate.keys.api;

import io.keygate.platform.api.Base62;
import io.keygate.keys.internal.HostSyntax;
import io.keygate.platform.api.TokenChecksum;
import io.keygate.keys.internal.KeyValueParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * The value of a provisioning key, as handed to machines (K6):
 * {@code 1|<public host>|mpk_<keyId>_<secret><checksum>}. The keyId is public (lookup, logs); the
 * secret is not, so it is held as a {@code char[]}, never printed ({@link #toString()} masks it) and
 * can be wiped with {@link #destroy()}.
 */
public final class KeyValue implements Destroyable {

    public static final int VERSION = 1;
    public static final String PREFIX = "mpk_";
    public static final int KEY_ID_LENGTH = 16;
    public static final int SECRET_LENGTH = 43;
    public static final int CHECKSUM_LENGTH = TokenChecksum.LENGTH;
    /** The token that leak scanners look for (70 characters). */
    public static final String TOKEN_REGEX = "mpk_[0-9A-Za-z]{16}_[0-9A-Za-z]{49}";
    public static final String MASK = "••••";

    private final String host;
    private final String keyId;
    private final char[] secret;
    private final String checksum;
    private volatile boolean destroyed;

    /**
     * A key value from its parts (a new one, or one whose secret was just decrypted); the secret is
     * copied, the caller wipes its own array.
     *
     * @throws IllegalArgumentException if a part does not have the format above
     */
    public KeyValue(String host, String keyId, char[] secret) {
        String hostProblem = HostSyntax.problem(host);
        if (hostProblem != null) {
            throw new IllegalArgumentException("host " + hostProblem);
        }
        if (keyId == null || keyId.length() != KEY_ID_LENGTH || !Base62.allDigits(keyId, 0, keyId.length())) {
            throw new IllegalArgumentException("keyId must be " + KEY_ID_LENGTH + " base62 characters");
        }
        if (secret == null || secret.length != SECRET_LENGTH || !Base62.allDigits(secret)) {
            throw new IllegalArgumentException("secret must be " + SECRET_LENGTH + " base62 characters");
        }
        this.host = host;
        this.keyId = keyId;
        this.secret = secret.clone();
        this.checksum = TokenChecksum.of(PREFIX, keyId, secret);
    }

    /**
     * Reads a key value as pasted or downloaded. Whitespace around it (a trailing newline of the
     * downloaded {@code .txt}, a space from copying) is ignored; whitespace inside is not. Needs no database.
     *
     * @throws InvalidKeyValueException with reason {@code malformed_key}, {@code unsupported_version} or {@code bad_checksum}
     */
    public static KeyValue parse(CharSequence text) {
        return KeyValueParser.parse(text);
    }

    public int version() {
        return VERSION;
    }

    public String host() {
        return host;
    }

    public String keyId() {
        return keyId;
    }

    public String checksum() {
        return checksum;
    }

    /** A copy of the secret; the caller wipes it when done. */
    public char[] secret() {
        requireNotDestroyed();
        return secret.clone();
    }

    /** The secret's ASCII bytes (to encrypt); the caller wipes them when done. */
    public byte[] secretBytes() {
        requireNotDestroyed();
        byte[] bytes = new byte[secret.length];
        for (int i = 0; i < secret.length; i++) {
            bytes[i] = (byte) secret[i];
        }
        return bytes;
    }

    /**
     * What the keyed hash is computed over, {@code mpk:v1:<keyId>:<secret>} in ASCII: binding the
     * keyId keeps a verifier from being copied onto another key's row. The caller wipes it when done.
     */
    public byte[] verifierInput() {
        requireNotDestroyed();
        byte[] label = ("mpk:v" + VERSION + ":" + keyId + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] input = Arrays.copyOf(label, label.length + secret.length);
        for (int i = 0; i < secret.length; i++) {
            input[label.length + i] = (byte) secret[i];
        }
        return input;
    }

    /** The whole value, secret included, for the one place it is shown or downloaded (K5, K9). */
    public String reveal() {
        requireNotDestroyed();
        return new StringBuilder(host.length() + 80).append(VERSION).append('|').append(host).append('|')
                .append(PREFIX).append(keyId).append('_').append(secret).append(checksum).toString();
    }

    /** {@code mpk_<keyId>_••••}, as the Keys page shows it (K8). */
    public String masked() {
        return PREFIX + keyId + "_" + MASK;
    }

    /** Wipes the secret; afterwards only the public parts can be read. */
    @Override
    public void destroy() {
        Arrays.fill(secret, '\0');
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** The value with its secret masked: {@code 1|<host>|mpk_<keyId>_••••}. */
    @Override
    public String toString() {
        return VERSION + "|" + host + "|" + masked();
    }

    private void requireNotDestroyed() {
        if (destroyed) {
            throw new IllegalStateException("the secret of key " + keyId + " was destroyed");
        }
    }
}
