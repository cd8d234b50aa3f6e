package io.keygate.web.api;

import io.keygate.web.exports.TableExports;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** A table's file as a streamed download. */
final class ExportResponses {

    private ExportResponses() {
    }

    static Response of(TableExports.Prepared prepared) {
        StreamingOutput body = prepared.body()::writeTo;
        return Response.ok(body, prepared.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + prepared.fileName() + "\"")
                .header("Cache-Control", "no-store").build();
    }
}
