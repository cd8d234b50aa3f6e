package io.keygate.keys.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.keys.api.KeyValue;
import io.keygate.keys.api.KeyValueGenerator;
import io.keygate.platform.api.Base62;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RandomKeyValueGeneratorTest {

    private static final String HOST = "enroll.example.com:8443";
    private static final Pattern FORMAT = Pattern.compile("1\\|" + Pattern.quote(HOST) + "\\|" + KeyValue.TOKEN_REGEX);
    private static final BigInteger BASE = BigInteger.valueOf(62);
    /**
     * Chi-square bound for 62 characters (61 degrees of freedom: mean 61, standard deviation 11).
     * Uniform output exceeds 200 with probability below 10^-15 per check, so the test is not flaky;
     * the modulo bias of {@code byte % 62} without rejection scores about 660 with 100,000 samples
     * per position and about 28,000 over all 4,300,000 characters (shown by {@link #theBoundCatchesModuloBias()}).
     */
    private static final double CHI_SQUARE_BOUND = 200;

    private final KeyValueGenerator generator = KeyValueGenerator.forHost(HOST);

    @Test
    void makes100000WellFormedKeysWithoutRepeatingAKeyIdOrASecret() {
        Set<String> keyIds = new HashSet<>();
        Set<String> secrets = new HashSet<>();

        for (int i = 0; i < 100_000; i++) {
            KeyValue key = generator.generate();
            String value = key.reveal();
            assertTrue(FORMAT.matcher(value).matches(), value);
            keyIds.add(key.keyId());
            secrets.add(new String(key.secret()));
            assertEquals(key.keyId(), KeyValue.parse(value).keyId());
        }

        assertEquals(100_000, keyIds.size());
        assertEquals(100_000, secrets.size());
    }

    @Test
    void fortyThreeBase62CharactersAreTheFewestThatHold256Bits() {
        assertTrue(BASE.pow(KeyValue.SECRET_LENGTH).compareTo(BigInteger.TWO.pow(256)) >= 0);
        assertTrue(BASE.pow(KeyValue.SECRET_LENGTH - 1).compareTo(BigInteger.TWO.pow(256)) < 0);
        assertEquals(256.03, KeyValue.SECRET_LENGTH * Math.log(62) / Math.log(2), 0.005);
        // and six are the fewest that hold every CRC32
        assertTrue(BASE.pow(KeyValue.CHECKSUM_LENGTH).compareTo(BigInteger.TWO.pow(32)) >= 0);
        assertTrue(BASE.pow(KeyValue.CHECKSUM_LENGTH - 1).compareTo(BigInteger.TWO.pow(32)) < 0);
    }

    @Test
    void drawsEverySecretAndKeyIdCharacterUniformly() {
        long[][] secretCounts = new long[KeyValue.SECRET_LENGTH][62];
        long[][] keyIdCounts = new long[KeyValue.KEY_ID_LENGTH][62];

        for (int i = 0; i < 100_000; i++) {
            KeyValue key = generator.generate();
            count(key.secret(), secretCounts);
            count(key.keyId().toCharArray(), keyIdCounts);
        }

        assertUniform("all secret characters", total(secretCounts));
        assertUniform("all keyId characters", total(keyIdCounts));
        for (int position = 0; position < KeyValue.SECRET_LENGTH; position++) {
            assertUniform("secret position " + position, secretCounts[position]);
        }
        for (int position = 0; position < KeyValue.KEY_ID_LENGTH; position++) {
            assertUniform("keyId position " + position, keyIdCounts[position]);
        }
    }

    @Test
    void theBoundCatchesModuloBias() {
        SecureRandom random = new SecureRandom();
        long[] counts = new long[62];
        byte[] bytes = new byte[100_000];
        random.nextBytes(bytes);
        for (byte b : bytes) {
            counts[(b & 0xFF) % 62]++;
        }

        assertTrue(chiSquare(counts) > CHI_SQUARE_BOUND, "modulo bias scores " + chiSquare(counts));
    }

    @Test
    void refusesAnInvalidEnrollmentHostAtOnce() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> KeyValueGenerator.forHost("enroll example"));

        assertTrue(refused.getMessage().contains("'enroll example'"), refused.getMessage());
        assertEquals(HOST, generator.host());
    }

    private static void count(char[] characters, long[][] counts) {
        for (int position = 0; position < characters.length; position++) {
            counts[position][Base62.ALPHABET.indexOf(characters[position])]++;
        }
    }

    private static long[] total(long[][] counts) {
        long[] total = new long[62];
        for (long[] position : counts) {
            for (int c = 0; c < 62; c++) {
                total[c] += position[c];
            }
        }
        return total;
    }

    private static void assertUniform(String what, long[] counts) {
        double chiSquare = chiSquare(counts);
        assertTrue(chiSquare < CHI_SQUARE_BOUND, what + ": chi-square " + chiSquare + " over 62 characters");
    }

    private static double chiSquare(long[] counts) {
        long n = 0;
        for (long count : counts) {
            n += count;
        }
        double expected = n / 62.0;
        double sum = 0;
        for (long count : counts) {
            sum += (count - expected) * (count - expected) / expected;
        }
        return sum;
    }
}
