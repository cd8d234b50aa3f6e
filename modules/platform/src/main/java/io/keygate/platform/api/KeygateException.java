package io.keygate.platform.api;

import java.util.List;

/**
 * A refusal the caller can act upon. {@code id} is a stable machine-readable code, {@code reason}
 * the sentence shown to people, {@code params} the values the reason names (a field, a limit).
 */
public abstract class KeygateException extends RuntimeException {

    private final String id;
    private final List<String> params;

    protected KeygateException(String id, String reason, List<String> params) {
        super(reason);
        this.id = id;
        this.params = List.copyOf(params);
    }

    public String id() {
        return id;
    }

    public String reason() {
        return getMessage();
    }

    public List<String> params() {
        return params;
    }
}
