package io.keygate.web.exports;

import io.keygate.platform.api.KeygateException;
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
 * The keys page's Export: the signed-in admin's browser session fetches the file here (the REST API takes HTTP
 * Basic only). The same parameters and the same file as {@code GET /api/v1/provisioning-keys/export}.
 */
@WebServlet("/export/keys")
public class KeysExportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient KeysExport export;

    @Override
    protected void doGet(HttpServletRequest http, HttpServletResponse response) throws IOException {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        http.getParameterMap().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
        KeysExport.Request request;
        try {
            request = export.request(parameters);
        } catch (KeygateException refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("text/plain; charset=UTF-8");
            response.getOutputStream().write(refused.getMessage().getBytes(StandardCharsets.UTF_8));
            return;
        }
        response.setContentType(request.format().mediaType());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + export.fileName(request) + "\"");
        response.setHeader("Cache-Control", "no-store");
        export.write(request, response.getOutputStream());
    }
}
