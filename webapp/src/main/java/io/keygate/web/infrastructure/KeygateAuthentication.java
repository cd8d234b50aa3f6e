package io.keygate.web.infrastructure;

import io.keygate.accounts.api.AccountService;
import io.keygate.accounts.api.SignInChannel;
import io.keygate.accounts.api.SignInThrottledException;
import io.keygate.platform.api.Actor;
import io.keygate.platform.api.RequestOrigin;
import io.keygate.tokens.api.ApiTokenService;
import io.keygate.tokens.api.TokenCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pages sign in through the sign-in form and keep the account in the HTTP session; the REST API takes an API token
 * ({@code Authorization: Bearer}) on every request, or HTTP Basic when {@code KEYGATE_API_BASIC_AUTH=true}, and never
 * creates a session. A browser that is signed in may call the API with its session only when it sends
 * {@link #CSRF_HEADER}, which the API page adds.
 */
@ApplicationScoped
public class KeygateAuthentication implements HttpAuthenticationMechanism {

    static final String SESSION_ACCOUNT = "keygate.account";
    static final String SESSION_ACCOUNT_ID = "keygate.account.id";
    /** The accounts module's record of this sign-in ({@link AccountService#startSession}): a {@link UUID}. */
    static final String SESSION_SIGN_IN = "keygate.signIn";
    /** When the session's admin last typed the password (sign-in or step-up): an {@link java.time.Instant}. */
    public static final String SESSION_PASSWORD_AT = "keygate.account.passwordAt";
    /** A request attribute, set when the request was let in by its browser session rather than a credential it carries. */
    static final String BY_SESSION = "keygate.bySession";
    static final String SIGN_IN_PAGE = "/login.xhtml";
    /** A request attribute: the seconds a refused sign-in must wait, for the sign-in page to say so. */
    public static final String SIGN_IN_THROTTLED = "keygate.signIn.throttled";
    /** The header a signed-in browser adds to its API calls (the API page does); its value is not checked, its presence is. */
    public static final String CSRF_HEADER = "X-Keygate-CSRF";

    /** The caller name of a request an API token authenticated; admin usernames cannot hold a colon. */
    static final String API_TOKEN_PRINCIPAL = "api-token:";

    @Inject
    AccountService accounts;
    @Inject
    ApiTokenService tokens;
    @Inject
    RequestOrigin origin;
    @Inject
    ApiRateLimits rateLimits;
    @Inject
    TransportSecurity transport;
    /** HTTP Basic with an admin's password is for development and scripted tests; production API clients use tokens. */
    @Inject
    @ConfigProperty(name = "keygate.api.basic.auth", defaultValue = "false")
    boolean basicAuthentication;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        // the mechanism answers some requests itself (401, 429, the redirect to sign-in) before any filter runs
        SecurityHeadersFilter.protect(request, response);
        RequestLog.answeredThrough(request, response);
        response.setHeader("X-Request-Id", RequestLog.id(request));
        if (isOperations(request)) {
            // probes and scrapers carry no credential and get nothing secret: plain HTTP from a load balancer is fine
            return context.doNothing();
        }
        if (transport.refusedOrRedirected(request, response)) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (isApi(request)) {
            return validateApiRequest(request, response, context);
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (credential instanceof UsernamePasswordCredential password) {
            return signIn(request, context, password);
        }
        Optional<Actor> signedIn = sessionActor(request);
        if (signedIn.isPresent()) {
            request.setAttribute(BY_SESSION, Boolean.TRUE);
            return notifyLogin(context, signedIn.get());
        }
        if (context.isProtected()) {
            return redirectToSignIn(request, response, context);
        }
        return context.doNothing();
    }

    /** A page gets a redirect; an ajax request of a page gets it in the partial response JSF's script follows. */
    private static AuthenticationStatus redirectToSignIn(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String signIn = request.getContextPath() + SIGN_IN_PAGE;
        if (!"partial/ajax".equals(request.getHeader("Faces-Request"))) {
            return context.redirect(signIn);
        }
        try {
            response.setContentType("text/xml");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + signIn + "\"></redirect></partial-response>");
            response.flushBuffer();
        } catch (IOException clientGone) {
            // the browser went away; nothing to redirect
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    /** Signing out ends the session on every node: another node's copy of it lets nobody in any more. */
    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            signedInSession(request).ifPresent(accounts::endSession);
            session.invalidate();
        }
    }

    /** The sign-in the request's browser session holds, if any. */
    static Optional<UUID> signedInSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(SESSION_SIGN_IN) instanceof UUID signIn ? Optional.of(signIn) : Optional.empty();
    }

    private AuthenticationStatus signIn(HttpServletRequest request, HttpMessageContext context, UsernamePasswordCredential credential) {
        Optional<Actor> actor;
        try {
            actor = accounts.signIn(credential.getCaller(), credential.getPasswordAsString(), SignInChannel.SIGN_IN_PAGE);
        } catch (SignInThrottledException throttled) {
            request.setAttribute(SIGN_IN_THROTTLED, throttled.retryAfterSeconds());
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (actor.isEmpty()) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        // a sign-in over another one (a second account in the same browser) ends the first everywhere
        signedInSession(request).ifPresent(accounts::endSession);
        // a new session id at sign-in defeats session fixation
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(SESSION_ACCOUNT, actor.get().username());
        request.getSession().setAttribute(SESSION_ACCOUNT_ID, actor.get().accountId());
        request.getSession().setAttribute(SESSION_PASSWORD_AT, Instant.now());
        request.getSession().setAttribute(SESSION_SIGN_IN, accounts.startSession(actor.get().accountId()));
        return notifyLogin(context, actor.get());
    }

    private AuthenticationStatus validateApiRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (!"/v1/enrollments".equals(request.getPathInfo())) {
            Optional<ApiRateLimits.Exceeded> exceeded = rateLimits.admitAddress(origin.sourceAddress());
            if (exceeded.isPresent()) {
                return tooMany(response, exceeded.get());
            }
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            TokenCheck check = tokens.authenticate(authorization.substring(7).trim(), origin.sourceAddress());
            if (check.isAccepted()) {
                return letIntoApi(response, context, check.actor());
            }
            return refuse(response, check.status(), check.id(), check.reason());
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (!basicAuthentication) {
                return refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "basic_disabled",
                        "HTTP Basic is switched off for the API: send an API token (Authorization: Bearer kgt_...).");
            }
            Optional<String[]> userAndPassword = decodeBasic(authorization.substring(6).trim());
            Optional<Actor> actor;
            try {
                actor = userAndPassword.flatMap(pair -> accounts.signIn(pair[0], pair[1], SignInChannel.API_BASIC));
            } catch (SignInThrottledException throttled) {
                response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
                return refuse(response, 429, throttled.id(), "Too many failed sign-ins; try again in " + throttled.retryAfterSeconds() + " seconds.",
                        String.valueOf(throttled.retryAfterSeconds()));
            }
            if (actor.isPresent()) {
                return letIntoApi(response, context, actor.get());
            }
            return refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "invalid_credentials", "The username or password is wrong.");
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        Optional<Actor> signedIn = sessionActor(request);
        if (signedIn.isPresent()) {
            // S3: a form or a link from another site carries the cookie but cannot set a header without a CORS
            // preflight, which Keygate never grants; Sec-Fetch-Site catches what a browser marks as cross-site anyway
            if (request.getHeader(CSRF_HEADER) == null || request.getHeader(CSRF_HEADER).isBlank()) {
                return refuse(response, HttpServletResponse.SC_FORBIDDEN, "csrf_header_missing",
                        "A signed-in browser calls the API only with the " + CSRF_HEADER + " header; scripts use an API token.");
            }
            String fetchSite = request.getHeader("Sec-Fetch-Site");
            if (fetchSite != null && !"same-origin".equals(fetchSite) && !"none".equals(fetchSite)) {
                return refuse(response, HttpServletResponse.SC_FORBIDDEN, "csrf_cross_site",
                        "The browser says this request comes from another site; the session is not used for it.");
            }
            request.setAttribute(BY_SESSION, Boolean.TRUE);
            return letIntoApi(response, context, signedIn.get());
        }
        return refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "not_authenticated",
                "Authenticate with an API token (Authorization: Bearer kgt_...).");
    }

    /**
     * The account signed in to this browser session, if it still exists under the same name and the sign-in has not
     * ended, on this node or another (this node's copy of the session may be older than the other's end of it).
     */
    private Optional<Actor> sessionActor(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object username = session == null ? null : session.getAttribute(SESSION_ACCOUNT);
        if (!(username instanceof String name)) {
            return Optional.empty();
        }
        Optional<Actor> actor = signedInSession(request).flatMap(signIn -> accounts.findSessionActor(name, signIn))
                .filter(found -> Long.valueOf(found.accountId()).equals(session.getAttribute(SESSION_ACCOUNT_ID)));
        if (actor.isEmpty()) {
            // signed out elsewhere, the password changed, the lifetime is over, the account was deleted, or its name now
            // belongs to a different account
            session.invalidate();
        }
        return actor;
    }

    private AuthenticationStatus letIntoApi(HttpServletResponse response, HttpMessageContext context, Actor actor) {
        Optional<ApiRateLimits.Exceeded> exceeded = rateLimits.admitCredential(actor);
        if (exceeded.isPresent()) {
            return tooMany(response, exceeded.get());
        }
        if (actor.isApiToken()) {
            return context.notifyContainerAboutLogin(API_TOKEN_PRINCIPAL + actor.apiTokenId(), Set.of(actor.role().name()));
        }
        return notifyLogin(context, actor);
    }

    private AuthenticationStatus tooMany(HttpServletResponse response, ApiRateLimits.Exceeded exceeded) {
        response.setHeader("Retry-After", String.valueOf(exceeded.retryAfterSeconds()));
        return refuse(response, 429, "rate_limited", "Too many requests for this " + exceeded.limited()
                + " in a minute; try again in " + exceeded.retryAfterSeconds() + " seconds.",
                exceeded.limited(), String.valueOf(exceeded.retryAfterSeconds()));
    }

    private static AuthenticationStatus notifyLogin(HttpMessageContext context, Actor actor) {
        RequestLog.ranAs(context.getRequest(), actor);
        return context.notifyContainerAboutLogin(actor.username(), Set.of(actor.role().name()));
    }

    /** Writes an error body by hand: it runs before JAX-RS; every value is one of this class's own words or numbers. */
    private AuthenticationStatus refuse(HttpServletResponse response, int status, String id, String reason, String... params) {
        try {
            response.setStatus(status);
            response.setHeader("X-Request-Id", origin.requestId());
            if (status == HttpServletResponse.SC_UNAUTHORIZED) {
                response.setHeader("WWW-Authenticate", basicAuthentication ? "Bearer realm=\"Keygate\", Basic realm=\"Keygate\", charset=\"UTF-8\""
                        : "Bearer realm=\"Keygate\"");
            }
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            String quotedParams = Arrays.stream(params).map(param -> "\"" + param + "\"").collect(Collectors.joining(","));
            response.getWriter().write("{\"id\":\"" + id + "\",\"reason\":\"" + reason + "\",\"params\":[" + quotedParams + "]}");
            response.flushBuffer();
        } catch (IOException clientGone) {
            // the client closed the connection; there is no one left to tell
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static Optional<String[]> decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** Payara's MicroProfile Health and Metrics servlets, which it adds to the application at the root context. */
    private static boolean isOperations(HttpServletRequest request) {
        return "/health".equals(request.getServletPath()) || "/metrics".equals(request.getServletPath());
    }

    /** By the servlet the container mapped, not the raw URI, which path parameters ({@code /api;x/}) could disguise. */
    private static boolean isApi(HttpServletRequest request) {
        return "/api".equals(request.getServletPath());
    }
}
