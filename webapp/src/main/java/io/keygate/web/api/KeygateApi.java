package io.keygate.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API under /api; versioned resources live under /api/v1. */
@ApplicationPath("api")
public class KeygateApi extends Application {
}
