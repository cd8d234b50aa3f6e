package io.keygate.web.exports;

import io.keygate.platform.api.ForbiddenException;
import io.keygate.platform.api.KeygateException;
import io.keygate.platform.api.NotFoundException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages' Export: the signed-in admin's browser session fetches {@code /export/<table>} here (the REST API takes
 * HTTP Basic only). The same parameters and the same file as {@code GET /api/v1/<table>/export}.
 */
@WebServlet("/export/*")
public class ExportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient TableExports exports;

    @Override
    protected void doGet(HttpServletRequest http, HttpServletResponse response) throws IOException {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        http.getParameterMap().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
        String table = http.getPathInfo() == null ? "" : http.getPathInfo().replaceFirst("^/", "");
        TableExports.Prepared prepared;
        try {
            prepared = exports.prepare(table, parameters);
        } catch (KeygateException refused) {
            response.setStatus(refused instanceof NotFoundException ? HttpServletResponse.SC_NOT_FOUND
                    : refused instanceof ForbiddenException ? HttpServletResponse.SC_FORBIDDEN : HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("text/plain; charset=UTF-8");
            response.getOutputStream().write(refused.getMessage().getBytes(StandardCharsets.UTF_8));
            return;
        }
        response.setContentType(prepared.mediaType());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + prepared.fileName() + "\"");
        response.setHeader("Cache-Control", "no-store");
        prepared.body().writeTo(response.getOutputStream());
    }
}
