package io.keygate.web.support;

import io.keygate.web.infrastructure.CspViolations;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Test-only: how many Content-Security-Policy violations the server under test has been told of, so every browser
 * test can fail when a page it opened broke the policy. Added to the deployment by {@link Deployments}; never shipped.
 */
@WebServlet(CspViolationProbe.PATH)
@ServletSecurity
public class CspViolationProbe extends HttpServlet {

    public static final String PATH = "/test-support/csp-violations";

    @Inject
    CspViolations violations;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print(violations.count());
    }
}
