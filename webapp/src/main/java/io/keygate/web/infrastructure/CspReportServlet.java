package io.keygate.web.infrastructure;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Where browsers send Content-Security-Policy violations ({@code report-uri}); open to all, as browsers send no credentials. */
@WebServlet(ContentSecurityPolicy.REPORT_PATH)
public class CspReportServlet extends HttpServlet {

    static final int MAX_REPORT_BYTES = 64 * 1024;

    @Inject
    CspViolations violations;

    @Inject
    ClientAddresses addresses;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_REPORT_BYTES + 1);
        }
        if (body.length > MAX_REPORT_BYTES) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        violations.report(new String(body, StandardCharsets.UTF_8), addresses.of(request));
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
