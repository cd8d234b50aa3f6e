package io.keygate.web.support;

import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Test-only: logs {@link #MARKER} with the caller's {@code ?id=}. Payara's file handler writes records in order but
 * from a queue of its own, so a test that reads the log of a running server first waits for its barrier to arrive:
 * everything the server logged before it is in the file then ({@link ServerLog#readThrough}). Added by
 * {@link Deployments}; never shipped.
 */
@WebServlet(LogBarrierProbe.PATH)
@ServletSecurity
public class LogBarrierProbe extends HttpServlet {

    public static final String PATH = "/test-support/log-barrier";
    public static final String MARKER = "TEST PROBE: log barrier ";
    private static final Logger LOG = Logger.getLogger(LogBarrierProbe.class.getName());

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getParameter("id");
        if (id == null || !id.matches("[0-9a-f-]{36}")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "id must be a UUID");
            return;
        }
        LOG.info(MARKER + id);
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
