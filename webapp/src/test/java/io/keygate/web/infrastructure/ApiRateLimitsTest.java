package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.audit.api.AuditEntry;
import io.keygate.audit.api.AuditLog;
import io.keygate.platform.api.Actor;
import io.keygate.platform.api.FixedWindows;
import io.keygate.platform.api.Role;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Fixed one-minute windows per address and per credential (issue 7): 429 beyond the limit, audited once a window. */
class ApiRateLimitsTest {

    private static final Actor TOKEN = Actor.apiToken(41, "ci-pipeline", 7L, Role.ADMINISTRATOR);
    private static final Actor ADMIN = new Actor(3, "alice", 7L, Role.ADMINISTRATOR);

    private final List<AuditEntry> audited = new ArrayList<>();
    private final ApiRateLimits limits = new ApiRateLimits();
    private Instant now = Instant.parse("2026-11-27T10:00:00Z");

    ApiRateLimitsTest() {
        limits.perCredential = 3;
        limits.perAddress = 5;
        limits.audit = (AuditLog) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AuditLog.class}, (proxy, method, args) -> {
            if (method.getName().equals("recordFailure")) {
                audited.add((AuditEntry) args[0]);
                return null;
            }
            throw new UnsupportedOperationException(method.getName());
        });
        FixedWindows windows = new FixedWindows();
        limits.requests = windows;
        windows.useClock(new Clock() {
            @Override
            public Instant instant() {
                return now;
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        });
    }

    @Test
    void aTokenGetsItsLimitThenWaitsForTheWindowToEnd() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), limits.admitCredential(TOKEN), "request " + (i + 1));
        }
        now = now.plusSeconds(20);

        Optional<ApiRateLimits.Exceeded> fourth = limits.admitCredential(TOKEN);
        Optional<ApiRateLimits.Exceeded> fifth = limits.admitCredential(TOKEN);

        assertEquals(Optional.of(new ApiRateLimits.Exceeded("token", 40)), fourth);
        assertEquals(Optional.of(new ApiRateLimits.Exceeded("token", 40)), fifth);
        assertEquals(1, audited.size(), "the first refusal of the window is audited, the next ones are not");
        AuditEntry entry = audited.get(0);
        assertEquals("api.rate_limit", entry.action());
        assertEquals("token_limit_exceeded", entry.reason());
        assertEquals("ci-pipeline", entry.actorName());
        assertEquals("API_TOKEN", entry.actorType());
        assertEquals(7L, entry.organizationId());
        assertEquals("api token", entry.resourceType(), "as the tokens module names it");
        assertEquals("41", entry.resourceId());

        now = now.plusSeconds(40);
        assertEquals(Optional.empty(), limits.admitCredential(TOKEN), "a new window starts when the last one ended");
        now = now.plusSeconds(59);
        limits.admitCredential(TOKEN);
        limits.admitCredential(TOKEN);
        assertEquals(Optional.of(new ApiRateLimits.Exceeded("token", 1)), limits.admitCredential(TOKEN), "never less than a second");
        assertEquals(2, audited.size(), "the new window's first refusal is audited again");
    }

    @Test
    void countsEachCredentialAndEachAddressOnItsOwn() {
        for (int i = 0; i < 3; i++) {
            limits.admitCredential(TOKEN);
        }
        assertTrue(limits.admitCredential(TOKEN).isPresent());
        assertEquals(Optional.empty(), limits.admitCredential(ADMIN), "the admin's own account has its own window");
        assertEquals(Optional.empty(), limits.admitCredential(Actor.apiToken(42, "other", 7L, Role.READ_ONLY)));

        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), limits.admitAddress("203.0.113.7"));
        }
        assertEquals("address", limits.admitAddress("203.0.113.7").orElseThrow().limited());
        assertEquals(Optional.empty(), limits.admitAddress("203.0.113.8"));
        AuditEntry addressRefusal = audited.get(audited.size() - 1);
        assertEquals("address_limit_exceeded", addressRefusal.reason());
        assertEquals("address 203.0.113.7", addressRefusal.actorName());
        assertEquals(null, addressRefusal.organizationId(), "before authentication the organisation is not known");
    }

    @Test
    void dropsEndedWindowsWhenManySubjectsAreTracked() {
        for (int i = 0; i <= FixedWindows.PURGE_ABOVE; i++) {
            limits.admitAddress("198.51.100." + (i % 256) + "/" + i);
        }
        now = now.plus(ApiRateLimits.WINDOW);
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), limits.admitAddress("203.0.113.9"));
        }
        assertTrue(limits.admitAddress("203.0.113.9").isPresent(), "the purge keeps windows that still run");
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() throws NoSuchFieldException, IOException {
        ConfigProperty perToken = ApiRateLimits.class.getDeclaredField("perCredential").getAnnotation(ConfigProperty.class);
        ConfigProperty perAddress = ApiRateLimits.class.getDeclaredField("perAddress").getAnnotation(ConfigProperty.class);
        assertEquals("keygate.api.requests.per.token", perToken.name());
        assertEquals("keygate.api.requests.per.address", perAddress.name());
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        String documented = "| `KEYGATE_API_REQUESTS_PER_TOKEN`, `KEYGATE_API_REQUESTS_PER_ADDRESS` | `" + perToken.defaultValue() + "`, `"
                + perAddress.defaultValue() + "` |";
        assertTrue(readme.contains(documented), "README documents " + documented);
        assertEquals(Duration.ofMinutes(1), ApiRateLimits.WINDOW);
    }
}
