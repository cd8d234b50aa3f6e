/*
 * The interactive API page: Swagger UI on the application's own OpenAPI document. No online validator (it would send
 * the document's address elsewhere), no configuration from the query string (a known injection path), and the
 * token typed into Authorize is kept in this page only. Without a token, "Try it out" acts as the signed-in admin:
 * the API takes the session only from requests carrying the anti-CSRF header, which this page adds.
 */
window.addEventListener('load', function () {
    var element = document.getElementById('swagger-ui');
    window.ui = SwaggerUIBundle({
        url: element.getAttribute('data-spec-url'),
        domNode: element,
        deepLinking: true,
        validatorUrl: 'none',
        queryConfigEnabled: false,
        persistAuthorization: false,
        presets: [SwaggerUIBundle.presets.apis],
        layout: 'BaseLayout',
        requestInterceptor: function (request) {
            request.headers['X-Keygate-CSRF'] = '1';
            return request;
        }
    });
});
