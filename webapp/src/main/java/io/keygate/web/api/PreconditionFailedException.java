package io.keygate.web.api;

import io.keygate.platform.api.ConflictException;
import io.keygate.platform.api.KeygateException;

/** A stale version named by If-Match (R3): 412, with the conflict's id and reason; nothing was changed. */
final class PreconditionFailedException extends KeygateException {

    private static final long serialVersionUID = 1L;

    PreconditionFailedException(ConflictException stale) {
        super(stale.id(), stale.reason(), stale.params());
    }
}
