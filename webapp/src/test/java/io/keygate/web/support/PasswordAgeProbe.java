package io.keygate.web.support;

import io.keygate.web.infrastructure.KeygateAuthentication;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Test-only: makes the calling browser session's password as old as {@code ?minutes=} says (6 by default), so step-up
 * can be tested without waiting five minutes. Signed-in sessions only; added by {@link Deployments}, never shipped.
 */
@WebServlet(PasswordAgeProbe.PATH)
public class PasswordAgeProbe extends HttpServlet {

    public static final String PATH = "/test-support/age-password";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        if (session == null || session.getAttribute(KeygateAuthentication.SESSION_PASSWORD_AT) == null) {
            response.sendError(HttpServletResponse.SC_CONFLICT, "not signed in");
            return;
        }
        String minutes = request.getParameter("minutes");
        Instant typed = Instant.now().minus(Duration.ofMinutes(minutes == null ? 6 : Long.parseLong(minutes)));
        session.setAttribute(KeygateAuthentication.SESSION_PASSWORD_AT, typed);
        response.setContentType("text/plain");
        response.getWriter().print(typed);
    }
}
