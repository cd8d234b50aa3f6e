package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.accounts.api.AccountService;
import io.keygate.audit.api.AuditEntry;
import io.keygate.audit.api.AuditLog;
import io.keygate.platform.api.Actor;
import io.keygate.platform.api.FixedWindows;
import io.keygate.platform.api.RequestOrigin;
import io.keygate.platform.api.Role;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The API's HTTP Basic is off unless switched on (issue 7): a password sent to the API is then refused unheard; the
 * rate limits answer before the request gets in.
 */
class KeygateAuthenticationTest {

    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("admin:a-test-password-1234".getBytes(StandardCharsets.UTF_8));

    private final List<String> signIns = new ArrayList<>();
    private final List<String> audited = new ArrayList<>();
    private final Map<String, Object> response = new HashMap<>();
    private final StringWriter body = new StringWriter();

    @Test
    void basicIsOffByDefault() throws NoSuchFieldException, IOException {
        ConfigProperty property = KeygateAuthentication.class.getDeclaredField("basicAuthentication").getAnnotation(ConfigProperty.class);

        assertEquals("keygate.api.basic.auth", property.name(), "read from KEYGATE_API_BASIC_AUTH");
        assertEquals("false", property.defaultValue());
        String shipped = Files.readString(Path.of("src/main/resources/META-INF/microprofile-config.properties"), StandardCharsets.UTF_8);
        assertFalse(shipped.contains("keygate.api.basic.auth"), "the shipped configuration leaves the default alone");
    }

    @Test
    void refusesBasicUnheardWhileItIsOff() {
        AuthenticationStatus status = mechanism(false).validateRequest(apiRequest(BASIC), response(), context());

        assertEquals(AuthenticationStatus.SEND_FAILURE, status);
        assertEquals(401, response.get("status"));
        assertTrue(body.toString().contains("\"basic_disabled\""), body.toString());
        assertEquals("Bearer realm=\"Keygate\"", response.get("WWW-Authenticate"));
        assertEquals(List.of(), signIns, "the password was never checked");
    }

    @Test
    void takesBasicWhenSwitchedOn() {
        AuthenticationStatus status = mechanism(true).validateRequest(apiRequest(BASIC), response(), context());

        assertEquals(AuthenticationStatus.SUCCESS, status);
        assertEquals(List.of("admin"), signIns);
    }

    @Test
    void answersTheRequestBeyondTheCredentialsLimit429WithRetryAfterBeforeLettingItIn() {
        KeygateAuthentication mechanism = mechanism(true);
        mechanism.rateLimits.perCredential = 2;
        assertEquals(AuthenticationStatus.SUCCESS, mechanism.validateRequest(apiRequest(BASIC), response(), context()));
        assertEquals(AuthenticationStatus.SUCCESS, mechanism.validateRequest(apiRequest(BASIC), response(), context()));

        AuthenticationStatus third = mechanism.validateRequest(apiRequest(BASIC), response(), context());

        assertEquals(AuthenticationStatus.SEND_FAILURE, third);
        assertEquals(429, response.get("status"));
        assertTrue(Integer.parseInt((String) response.get("Retry-After")) >= 1, response.toString());
        assertTrue(body.toString().matches("\\{\"id\":\"rate_limited\",\"reason\":\"[^\"]+\",\"params\":\\[\"account\",\"\\d+\"\\]\\}"), body.toString());
        assertEquals(List.of("account_limit_exceeded"), audited);
    }

    @Test
    void countsTheAddressBeforeLookingAtTheCredential() {
        KeygateAuthentication mechanism = mechanism(true);
        mechanism.rateLimits.perAddress = 1;
        mechanism.validateRequest(apiRequest(BASIC), response(), context());

        AuthenticationStatus second = mechanism.validateRequest(apiRequest(BASIC), response(), context());

        assertEquals(AuthenticationStatus.SEND_FAILURE, second);
        assertEquals(429, response.get("status"));
        assertEquals(List.of("admin"), signIns, "the password of the refused request was never checked");
        assertEquals(List.of("address_limit_exceeded"), audited);
    }

    private KeygateAuthentication mechanism(boolean basic) {
        KeygateAuthentication mechanism = new KeygateAuthentication();
        mechanism.rateLimits = new ApiRateLimits();
        mechanism.rateLimits.requests = new FixedWindows();
        mechanism.rateLimits.perCredential = 600;
        mechanism.rateLimits.perAddress = 1200;
        mechanism.rateLimits.audit = fake(AuditLog.class, (method, args) -> {
            if (method.equals("recordFailure")) {
                audited.add(((AuditEntry) args[0]).reason());
                return null;
            }
            throw new UnsupportedOperationException(method);
        });
        mechanism.basicAuthentication = basic;
        mechanism.transport = new TransportSecurity();
        mechanism.transport.addresses = new ClientAddresses();
        mechanism.transport.addresses.trustedProxies = Optional.empty();
        mechanism.transport.httpsPort = 8443;
        mechanism.accounts = fake(AccountService.class, (method, args) -> {
            if (method.equals("signIn")) {
                signIns.add((String) args[0]);
                return Optional.of(new Actor(1, (String) args[0], 7L, Role.ADMINISTRATOR));
            }
            throw new UnsupportedOperationException(method);
        });
        mechanism.origin = fake(RequestOrigin.class, (method, args) -> switch (method) {
            case "requestId" -> "req-1";
            case "sourceAddress" -> "127.0.0.1";
            default -> throw new UnsupportedOperationException(method);
        });
        return mechanism;
    }

    private static HttpServletRequest apiRequest(String authorization) {
        Map<String, Object> attributes = new HashMap<>();
        return fake(HttpServletRequest.class, (method, args) -> switch (method) {
            case "setAttribute" -> attributes.put((String) args[0], args[1]);
            case "getAttribute" -> attributes.get((String) args[0]);
            case "getServletPath" -> "/api";
            case "getPathInfo" -> "/v1/machine-groups";
            case "getRequestURI" -> "/api/v1/machine-groups";
            case "getContextPath" -> "";
            case "getHeader" -> "Authorization".equalsIgnoreCase((String) args[0]) ? authorization : null;
            case "isSecure" -> false;
            case "getRemoteAddr" -> "127.0.0.1";
            case "getMethod" -> "GET";
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private HttpServletResponse response() {
        PrintWriter writer = new PrintWriter(body);
        return fake(HttpServletResponse.class, (method, args) -> switch (method) {
            case "setStatus" -> response.put("status", args[0]);
            case "setHeader" -> response.put((String) args[0], args[1]);
            case "getWriter" -> writer;
            case "setContentType", "setCharacterEncoding" -> null;
            case "flushBuffer" -> {
                writer.flush();
                yield null;
            }
            default -> throw new UnsupportedOperationException(method);
        });
    }

    private static HttpMessageContext context() {
        return fake(HttpMessageContext.class, (method, args) -> switch (method) {
            case "isProtected" -> true;
            case "notifyContainerAboutLogin" -> AuthenticationStatus.SUCCESS;
            case "getRequest" -> apiRequest(null);
            default -> throw new UnsupportedOperationException(method);
        });
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T fake(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(KeygateAuthenticationTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args == null ? new Object[0] : args)));
    }
}
