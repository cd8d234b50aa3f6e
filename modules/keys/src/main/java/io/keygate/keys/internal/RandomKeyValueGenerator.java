package io.keygate.keys.internal;

import io.keygate.keys.api.KeyValue;
import io.keygate.keys.api.KeyValueGenerator;
import io.keygate.platform.api.Base62;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Draws keyId and secret as uniform base62 characters: a random byte below 248 (= 4 × 62) gives
 * character {@code byte % 62}, each of the 62 exactly 4 ways; a byte of 248 or more is discarded and
 * another drawn (rejection sampling: no modulo bias). So 43 secret characters carry
 * 43 × log2(62) ≈ 256.03 bits.
 */
public final class RandomKeyValueGenerator implements KeyValueGenerator {

    private static final int ACCEPTED_BELOW = 4 * Base62.BASE;
    private static final int LENGTH = KeyValue.KEY_ID_LENGTH + KeyValue.SECRET_LENGTH;

    private final String host;
    private final SecureRandom random;

    public RandomKeyValueGenerator(String host, SecureRandom random) {
        String problem = HostSyntax.problem(host);
        if (problem != null) {
            throw new IllegalArgumentException("enrollment host '" + host + "' " + problem);
        }
        this.host = host;
        this.random = random;
    }

    @Override
    public KeyValue generate() {
        char[] drawn = uniformBase62(LENGTH);
        char[] secret = Arrays.copyOfRange(drawn, KeyValue.KEY_ID_LENGTH, LENGTH);
        try {
            return new KeyValue(host, new String(drawn, 0, KeyValue.KEY_ID_LENGTH), secret);
        } finally {
            Arrays.fill(drawn, '\0');
            Arrays.fill(secret, '\0');
        }
    }

    @Override
    public String host() {
        return host;
    }

    char[] uniformBase62(int length) {
        char[] out = new char[length];
        // one byte in 32 is discarded on average: a few spare bytes usually avoid a second draw
        byte[] bytes = new byte[length + 8];
        int filled = 0;
        try {
            while (filled < length) {
                random.nextBytes(bytes);
                for (int i = 0; i < bytes.length && filled < length; i++) {
                    int value = bytes[i] & 0xFF;
                    if (value < ACCEPTED_BELOW) {
                        out[filled++] = Base62.ALPHABET.charAt(value % Base62.BASE);
                    }
                }
            }
            return out;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "RandomKeyValueGenerator[" + host + "]";
    }
}
