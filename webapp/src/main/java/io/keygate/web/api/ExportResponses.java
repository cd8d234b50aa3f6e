package io.keygate.web.api;

import io.keygate.web.exports.TableExports;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** A table's file as a streamed download. */
final class ExportResponses {

    /** The media types of a table's file (X1), as the OpenAPI document names them. */
    static final String CSV = "text/csv";
    static final String JSON = "application/json";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private ExportResponses() {
    }

    static Response of(TableExports.Prepared prepared) {
        StreamingOutput body = prepared.body()::writeTo;
        return Response.ok(body, prepared.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + prepared.fileName() + "\"")
                .header("Cache-Control", "no-store").build();
    }
}
