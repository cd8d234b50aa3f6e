package io.keygate.accounts.internal;

import io.keygate.platform.api.InvalidInputException;
import java.util.regex.Pattern;

/** What usernames and passwords must look like. */
final class AccountRules {

    static final int MIN_PASSWORD_LENGTH = 12;
    static final int MAX_PASSWORD_LENGTH = 256;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private AccountRules() {
    }

    static String requireValidUsername(String field, String username) {
        if (username == null || username.isEmpty()) {
            throw new InvalidInputException("username_required", field, "The " + field + " is required.");
        }
        if (!USERNAME.matcher(username).matches()) {
            throw new InvalidInputException("username_invalid", field,
                    "The " + field + " must be 1 to 64 characters: letters, digits, '.', '-', '_' or '@'.");
        }
        return username;
    }

    static String requireValidPassword(String field, String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException("password_too_short", field,
                    "The " + field + " must be at least " + MIN_PASSWORD_LENGTH + " characters long.");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new InvalidInputException("password_too_long", field,
                    "The " + field + " must be at most " + MAX_PASSWORD_LENGTH + " characters long.");
        }
        return password;
    }
}
