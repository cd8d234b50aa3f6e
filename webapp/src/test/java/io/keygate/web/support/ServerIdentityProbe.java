package io.keygate.web.support;

import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;

/**
 * Test-only: a random id of this server process, the same on its HTTP and its HTTPS port, so {@link TestHttps} can
 * find which HTTPS port belongs to the server under test. Added by {@link Deployments}; never shipped.
 */
@WebServlet(ServerIdentityProbe.PATH)
@ServletSecurity
public class ServerIdentityProbe extends HttpServlet {

    public static final String PATH = "/test-support/server-id";
    private static final String ID = UUID.randomUUID().toString();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print(ID);
    }
}
