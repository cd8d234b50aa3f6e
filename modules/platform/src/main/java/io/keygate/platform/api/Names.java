package io.keygate.platform.api;

import java.util.regex.Pattern;

/** Product rule K1 for the names of groups, keys and certificates, and the limits of free text. */
public final class Names {

    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_DESCRIPTION_LENGTH = 4096;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_NAME_LENGTH + "}");

    private Names() {
    }

    /** Returns the name unchanged, or refuses it naming the field and the rule. */
    public static String requireValidName(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException("name_required", field, "The " + field + " is required.");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("name_too_long", field,
                    "The " + field + " must be at most " + MAX_NAME_LENGTH + " characters long.");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException("name_invalid", field,
                    "The " + field + " may contain only letters A-Z and a-z, digits, '.', '-' and '_'.");
        }
        return name;
    }

    /** Free text: optional, stored as given (output encoding is the view's job), bounded in length. */
    public static String requireValidDescription(String field, String description) {
        if (description == null) {
            return "";
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new InvalidInputException("description_too_long", field,
                    "The " + field + " must be at most " + MAX_DESCRIPTION_LENGTH + " characters long.");
        }
        if (description.indexOf('\0') >= 0) {
            throw new InvalidInputException("description_invalid", field, "The " + field + " must not contain NUL characters.");
        }
        return description;
    }
}
