package io.keygate.web.api;

import io.keygate.keys.api.LeakReport;
import io.keygate.keys.api.ProvisioningKeyService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/v1/leaked-keys} (S6): text in which keys were found; the organisation's keys in it stop working now. */
@Path("v1/leaked-keys")
@Tag(name = "Provisioning keys")
@RequestScoped
public class LeakedKeyResource {

    @Inject
    ProvisioningKeyService keys;

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reportLeakedKeys", summary = "Disable the keys found in leaked text",
            description = "For a secret scanner or an admin who found keys where they do not belong: send the text as it is (up to 1 MiB). "
                    + "Every mpk_ token in it with a valid checksum whose secret matches a key of the caller's organisation disables that "
                    + "key at once; ADMINISTRATOR only. Audited per key and once for the report; the text is not kept.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(implementation = String.class),
            examples = @ExampleObject(name = "log", value = "2026-11-27 10:15:30 enroll --key 1|keygate.example.com|mpk_<keyId>_<secret>")))
    @APIResponse(responseCode = "200", description = "What the report found and did.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "LeakReport")))
    public LeakReport report(String text) {
        return keys.disableLeaked(text);
    }
}
