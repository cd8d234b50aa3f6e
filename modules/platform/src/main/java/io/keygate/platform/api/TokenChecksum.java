package io.keygate.platform.api;

import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * CRC32 of a token before its checksum ({@code mpk_<keyId>_<secret>}, {@code kgt_<tokenId>_<secret>}, ASCII), written as 6 base62
 * digits, most significant first, zero-padded (62^6 ≈ 5.7·10^10 > 2^32). CRC32 detects every error
 * confined to 32 consecutive bits, so every single-character change and every swap of two adjacent
 * characters of the token is caught.
 */
public final class TokenChecksum {

    public static final int LENGTH = 6;

    private TokenChecksum() {
    }

    /** The checksum of {@code text[from, to)}, whose characters the caller has checked to be ASCII. */
    public static String of(CharSequence text, int from, int to) {
        byte[] ascii = new byte[to - from];
        for (int i = from; i < to; i++) {
            ascii[i - from] = (byte) text.charAt(i);
        }
        try {
            return of(ascii);
        } finally {
            Arrays.fill(ascii, (byte) 0);
        }
    }

    /** The checksum of {@code prefix + keyId + "_" + secret}. */
    public static String of(String prefix, String keyId, char[] secret) {
        byte[] ascii = new byte[prefix.length() + keyId.length() + 1 + secret.length];
        int i = 0;
        for (char c : (prefix + keyId + "_").toCharArray()) {
            ascii[i++] = (byte) c;
        }
        for (char c : secret) {
            ascii[i++] = (byte) c;
        }
        try {
            return of(ascii);
        } finally {
            Arrays.fill(ascii, (byte) 0);
        }
    }

    private static String of(byte[] ascii) {
        CRC32 crc = new CRC32();
        crc.update(ascii);
        return Base62.encode(crc.getValue(), LENGTH);
    }
}
