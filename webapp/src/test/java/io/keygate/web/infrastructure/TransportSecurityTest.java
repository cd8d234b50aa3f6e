package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keygate.web.infrastructure.TransportSecurity.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportSecurityTest {

    private static final List<String> PROXY = List.of("10.0.0.5");

    @Test
    void anHttpsConnectionIsSecureFromAnywhere() {
        assertEquals(Verdict.SECURE, TransportSecurity.verdict(true, "198.51.100.7", null, "198.51.100.7", List.of(), "POST", true));
    }

    @Test
    void plainHttpIsServedToThisMachineOnly() {
        assertEquals(Verdict.LOOPBACK_PLAIN, TransportSecurity.verdict(false, "127.0.0.1", null, "127.0.0.1", List.of(), "POST", true));
        assertEquals(Verdict.LOOPBACK_PLAIN, TransportSecurity.verdict(false, "::1", null, "::1", List.of(), "GET", false));
        assertEquals(Verdict.REDIRECT, TransportSecurity.verdict(false, "198.51.100.7", null, "198.51.100.7", List.of(), "GET", false));
        assertEquals(Verdict.REDIRECT, TransportSecurity.verdict(false, "198.51.100.7", null, "198.51.100.7", List.of(), "HEAD", false));
        assertEquals(Verdict.REFUSE, TransportSecurity.verdict(false, "198.51.100.7", null, "198.51.100.7", List.of(), "POST", false),
                "a form has sent its fields already");
        assertEquals(Verdict.REFUSE, TransportSecurity.verdict(false, "198.51.100.7", null, "198.51.100.7", List.of(), "GET", true),
                "an API call is never redirected: it would send its credential again");
    }

    @Test
    void onlyATrustedProxyMaySayTheRequestCameOverHttps() {
        assertEquals(Verdict.SECURE, TransportSecurity.verdict(false, "10.0.0.5", "https", "198.51.100.7", PROXY, "POST", true));
        assertEquals(Verdict.SECURE, TransportSecurity.verdict(false, "10.0.0.5", "HTTPS, http", "198.51.100.7", PROXY, "POST", true));
        assertEquals(Verdict.REFUSE, TransportSecurity.verdict(false, "10.0.0.5", "http", "198.51.100.7", PROXY, "POST", true));
        assertEquals(Verdict.REFUSE, TransportSecurity.verdict(false, "198.51.100.7", "https", "198.51.100.7", PROXY, "POST", true),
                "anyone can write the header");
        assertEquals(Verdict.REFUSE, TransportSecurity.verdict(false, "198.51.100.7", "https", "198.51.100.7", List.of(), "POST", true));
    }

    @Test
    void aClientBehindATrustedProxyOnThisMachineIsNotLoopback() {
        assertEquals(Verdict.REFUSE, TransportSecurity.verdict(false, "127.0.0.1", null, "203.0.113.9", List.of("127.0.0.1"), "POST", true));
        assertEquals(Verdict.REDIRECT, TransportSecurity.verdict(false, "127.0.0.1", "http", "203.0.113.9", List.of("127.0.0.1"), "GET", false));
    }

    @Test
    void redirectsKeepThePathAndQueryOnTheHttpsPort() {
        assertEquals("https://keygate.example:8443/keys/list.xhtml?group=7",
                TransportSecurity.httpsLocation("keygate.example", 8443, "/keys/list.xhtml", "group=7"));
        assertEquals("https://keygate.example/", TransportSecurity.httpsLocation("keygate.example", 443, "/", null));
        assertEquals("https://[2001:db8::1]:8443/", TransportSecurity.httpsLocation("2001:db8::1", 8443, "/", null));
    }
}
