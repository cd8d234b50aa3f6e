package io.keygate.web.api;

import io.keygate.platform.api.KeygateException;
import java.util.List;

/** The one shape of every API error: a stable code, a sentence for people, and the values it names. */
public record ErrorBody(String id, String reason, List<String> params) {

    static ErrorBody of(KeygateException e) {
        return new ErrorBody(e.id(), e.reason(), e.params());
    }
}
