package io.keygate.platform.api;

import java.util.List;

/** The actor is known but the role does not allow the action. */
public class ForbiddenException extends KeygateException {

    public ForbiddenException(String id, String reason) {
        super(id, reason, List.of());
    }
}
