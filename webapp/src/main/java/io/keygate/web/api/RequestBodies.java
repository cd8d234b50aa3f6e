package io.keygate.web.api;

import io.keygate.platform.api.InvalidInputException;

final class RequestBodies {

    private RequestBodies() {
    }

    /** JAX-RS passes null for an empty body; say so instead of failing later. */
    static <T> T required(T body) {
        if (body == null) {
            throw new InvalidInputException("body_required", "body", "The request needs a JSON body.");
        }
        return body;
    }
}
