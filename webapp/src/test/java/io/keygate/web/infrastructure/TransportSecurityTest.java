package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.infrastructure.TransportSecurity.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportSecurityTest {

    private static final List<String> PROXY = List.of("203.0.113.5");
    private static final List<String> LOCAL_PROXY = List.of("127.0.0.1");

    @Test
    void anHttpsConnectionIsSecureFromAnywhere() {
        assertEquals(Verdict.SECURE, TransportSecurity.verdict(true, "198.51.100.7", null, null, List.of(), "POST", true));
    }

    @Test
    void plainHttpIsServedToThisMachineOnly() {
        assertEquals(Verdict.LOOPBACK_PLAIN, TransportSecurity.verdict(false, "127.0.0.1", null, null, List.of(), "POST", true));
        assertEquals(Verdict.LOOPBACK_PLAIN, TransportSecurity.verdict(false, "::1", null, null, List.of(), "GET", false));
        assertEquals(Verdict.LOOPBACK_PLAIN, TransportSecurity.verdict(false, "::ffff:127.0.0.1", null, null, List.of(), "GET", false));
        assertEquals(Verdict.REDIRECT, TransportSecurity.verdict(false, "198.51.100.7", null, null, List.of(), "GET", false));
        assertEquals(Verdict.REDIRECT, TransportSecurity.verdict(false, "198.51.100.7", null, null, List.of(), "HEAD", false));
        assertEquals(Verdict.REFUSE, TransportSecurity.verdict(false, "198.51.100.7", null, null, List.of(), "POST", false),
                "a form has sent its fields already");
        assertEquals(Verdict.REFUSE, TransportSecurity.verdict(false, "198.51.100.7", null, null, List.of(), "GET", true),
                "an API call is never redirected: it would send its credential again");
        assertEquals(Verdict.REFUSE, TransportSecurity.verdict(false, "198.51.100.7", "127.0.0.1", null, List.of(), "POST", true),
                "an untrusted peer's X-Forwarded-For is not believed");
    }

    @Test
    void onlyATrustedProxyMaySayTheRequestCameOverHttps() {
        assertEquals(Verdict.SECURE, TransportSecurity.verdict(false, "203.0.113.5", "198.51.100.7", "https", PROXY, "POST", true));
        assertEquals(Verdict.SECURE, TransportSecurity.verdict(false, "203.0.113.5", "198.51.100.7", "http, HTTPS", PROXY, "POST", true),
                "the value the proxy appended counts");
        assertEquals(Verdict.REFUSE, TransportSecurity.verdict(false, "203.0.113.5", "198.51.100.7", "https, http", PROXY, "POST", true),
                "not a value the client sent before it");
        assertEquals(Verdict.REFUSE, TransportSecurity.verdict(false, "203.0.113.5", "198.51.100.7", "http", PROXY, "POST", true));
        assertEquals(Verdict.REFUSE, TransportSecurity.verdict(false, "198.51.100.7", null, "https", PROXY, "POST", true),
                "anyone can write the header");
        assertEquals(Verdict.REFUSE, TransportSecurity.verdict(false, "198.51.100.7", null, "https", List.of(), "POST", true));
    }

    @Test
    void whatATrustedProxyForwardedIsFromElsewhereWhateverItNames() {
        assertEquals(Verdict.REFUSE, TransportSecurity.verdict(false, "127.0.0.1", "203.0.113.9", null, LOCAL_PROXY, "POST", true));
        assertEquals(Verdict.REFUSE, TransportSecurity.verdict(false, "127.0.0.1", "127.0.0.1", null, LOCAL_PROXY, "POST", true),
                "a proxy that passes the client's X-Forwarded-For on would let it claim to be local");
        assertEquals(Verdict.REDIRECT, TransportSecurity.verdict(false, "127.0.0.1", "unknown", "http", LOCAL_PROXY, "GET", false));
        assertEquals(Verdict.LOOPBACK_PLAIN, TransportSecurity.verdict(false, "127.0.0.1", null, null, LOCAL_PROXY, "POST", true),
                "the proxy's host itself, not forwarding anyone");
    }

    @Test
    void hstsIsNotPinnedOnLocalhost() {
        assertTrue(TransportSecurity.wantsHsts("keygate.example"));
        assertTrue(TransportSecurity.wantsHsts("127.0.0.1"), "browsers ignore it for IP addresses anyway");
        assertFalse(TransportSecurity.wantsHsts("localhost"));
        assertFalse(TransportSecurity.wantsHsts("LOCALHOST"));
        assertFalse(TransportSecurity.wantsHsts("portal.localhost"));
    }

    @Test
    void redirectsKeepThePathAndQueryOnTheHttpsPort() {
        assertEquals("https://keygate.example:8443/keys/list.xhtml?group=7",
                TransportSecurity.httpsLocation("keygate.example", 8443, "/keys/list.xhtml", "group=7"));
        assertEquals("https://keygate.example/", TransportSecurity.httpsLocation("keygate.example", 443, "/", null));
        assertEquals("https://[2001:db8::1]:8443/", TransportSecurity.httpsLocation("2001:db8::1", 8443, "/", null));
    }
}
