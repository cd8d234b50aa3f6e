package io.keygate.platform.api;

import java.util.List;

/** Input that breaks a rule; the first param names the field. */
public class InvalidInputException extends KeygateException {

    public InvalidInputException(String id, String field, String reason) {
        super(id, reason, List.of(field));
    }

    /** The input field at fault, as named in the API and the forms. */
    public String field() {
        return params().get(0);
    }
}
