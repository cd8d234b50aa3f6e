package io.keygate.web.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * Tells every API client how long the server worked on its request, from matching to the answer being
 * ready (queries included, writing the body not): {@code Server-Timing: app;dur=12.3}. The benchmarks
 * read it, so they measure the server and not the network or the client.
 */
@Provider
@PreMatching
public class ServerTimingFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = ServerTimingFilter.class.getName() + ".started";

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(STARTED) instanceof Long started) {
            double millis = (System.nanoTime() - started) / 1_000_000.0;
            response.getHeaders().putSingle("Server-Timing", String.format(Locale.ROOT, "app;dur=%.1f", millis));
        }
    }
}
