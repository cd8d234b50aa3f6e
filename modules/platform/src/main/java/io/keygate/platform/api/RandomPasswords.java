package io.keygate.platform.api;

import java.security.SecureRandom;

/** Passwords the server makes up (first start, demo data): letters and digits that cannot be misread. */
public final class RandomPasswords {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomPasswords() {
    }

    /** 20 characters of a 57-letter alphabet: about 116 bits. */
    public static String generate() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
