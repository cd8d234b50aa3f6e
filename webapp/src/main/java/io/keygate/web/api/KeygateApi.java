package io.keygate.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API under /api; versioned resources live under /api/v1. Its OpenAPI document is served at /openapi
 * (YAML, or JSON with {@code ?format=json}), readable without signing in: it describes the API, it holds no data.
 */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "Keygate API", version = "1",
        description = "Machine provisioning keys, machine groups, signing certificates, machines, enrollment, exports and the audit trail. "
                + "Served over HTTPS; a request over plain HTTP from another machine is refused with 403 https_required."),
        security = @SecurityRequirement(name = KeygateApi.API_TOKEN))
@SecurityScheme(securitySchemeName = KeygateApi.API_TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "kgt_<tokenId>_<secret>",
        description = "An API token from the API Tokens page: Authorization: Bearer kgt_...")
public class KeygateApi extends Application {

    static final String API_TOKEN = "apiToken";
}
