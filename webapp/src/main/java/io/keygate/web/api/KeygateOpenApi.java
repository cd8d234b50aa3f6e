package io.keygate.web.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;

/**
 * The last touch to the generated OpenAPI document (R5): JAX-RS path templates carry regular expressions
 * ({@code {id: [0-9]+}}), which OpenAPI path templating does not allow, so they become plain {@code {id}}; and the
 * document says which OpenAPI version it follows.
 */
public class KeygateOpenApi implements OASFilter {

    private static final Pattern REGEX_PARAMETER = Pattern.compile("\\{\\s*(\\w+)\\s*:[^}]*}");

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        openApi.setOpenapi("3.0.3");
        Paths paths = openApi.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        Map<String, PathItem> items = new LinkedHashMap<>(paths.getPathItems());
        items.forEach((path, item) -> {
            String plain = REGEX_PARAMETER.matcher(path).replaceAll("{$1}");
            if (!plain.equals(path)) {
                paths.removePathItem(path);
                paths.addPathItem(plain, item);
            }
        });
    }
}
