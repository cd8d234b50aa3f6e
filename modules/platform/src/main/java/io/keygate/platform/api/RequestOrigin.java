package io.keygate.platform.api;

import java.util.Optional;
import java.util.UUID;

/** Where the running request came from, for the audit trail; provided by the web layer. */
public interface RequestOrigin {

    /** The client address as seen by the server (proxies are not trusted yet). */
    String sourceAddress();

    /** A random id that also goes back to the client in the X-Request-Id header. */
    String requestId();

    /** The signed-in browser session the request came with (see the accounts module); none for an API token or the server itself. */
    Optional<UUID> signedInSession();
}
