package io.keygate.tokens.internal;

import io.keygate.platform.api.Base62;
import io.keygate.platform.api.TokenChecksum;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * API token values: {@code kgt_<tokenId>_<secret><checksum>}, 70 characters. The tokenId (16 base62 characters) is
 * public and finds the row; the secret (43 base62 characters, 256 bits) is hashed; the checksum (CRC32 in 6 base62
 * characters, like a key's, K6) lets a typo or a truncated paste be told apart without the database, and lets leak
 * scanners match the token with few false hits.
 */
final class TokenValues {

    static final String PREFIX = "kgt_";
    static final int TOKEN_ID_LENGTH = 16;
    static final int SECRET_LENGTH = 43;
    static final Pattern TOKEN = Pattern.compile("kgt_([0-9A-Za-z]{16})_([0-9A-Za-z]{43})([0-9A-Za-z]{6})");

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenValues() {
    }

    /** A presented token's parts, when its format and checksum hold. */
    record Parsed(String tokenId, String secret) {

        @Override
        public String toString() {
            return "Parsed[tokenId=" + tokenId + ", secret=(redacted)]";
        }
    }

    static String newTokenId() {
        return random(TOKEN_ID_LENGTH);
    }

    static String newSecret() {
        return random(SECRET_LENGTH);
    }

    static String value(String tokenId, String secret) {
        return PREFIX + tokenId + "_" + secret + TokenChecksum.of(PREFIX, tokenId, secret.toCharArray());
    }

    /**
     * What the keyed hash is taken of: the secret bound to its token id and purpose ({@code kgt:v1:<tokenId>:<secret>}), as a
     * key's is ({@code mpk:v1:...}), so a verifier copied to another row or compared with a key's never matches.
     */
    static byte[] verifierInput(String tokenId, String secret) {
        return ("kgt:v1:" + tokenId + ":" + secret).getBytes(StandardCharsets.US_ASCII);
    }

    /** Null unless {@code presented} is a token with a matching checksum; surrounding whitespace is ignored. */
    static Parsed parse(String presented) {
        if (presented == null) {
            return null;
        }
        var matcher = TOKEN.matcher(presented.strip());
        if (!matcher.matches()) {
            return null;
        }
        String tokenId = matcher.group(1);
        String secret = matcher.group(2);
        return TokenChecksum.of(PREFIX, tokenId, secret.toCharArray()).equals(matcher.group(3)) ? new Parsed(tokenId, secret) : null;
    }

    private static String random(int length) {
        char[] digits = new char[length];
        for (int i = 0; i < length; i++) {
            digits[i] = Base62.ALPHABET.charAt(RANDOM.nextInt(Base62.BASE));
        }
        return new String(digits);
    }
}
