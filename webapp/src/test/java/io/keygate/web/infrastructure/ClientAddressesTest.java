package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private static final List<String> PROXIES = List.of("127.0.0.1", "198.51.100.0/24");

    @Test
    void believesForwardedForOnlyFromATrustedProxy() {
        assertEquals("203.0.113.7", ClientAddresses.resolve("127.0.0.1", "203.0.113.7", PROXIES));
        assertEquals("203.0.113.50", ClientAddresses.resolve("203.0.113.50", "203.0.113.7", PROXIES), "a direct caller cannot pick its address");
        assertEquals("127.0.0.1", ClientAddresses.resolve("127.0.0.1", "203.0.113.7", List.of()), "no trusted proxies: the header means nothing");
        assertEquals("127.0.0.1", ClientAddresses.resolve("127.0.0.1", null, PROXIES));
    }

    @Test
    void takesTheNearestUntrustedHopOfTheChain() {
        assertEquals("203.0.113.7", ClientAddresses.resolve("127.0.0.1", "203.0.113.1, 203.0.113.7, 198.51.100.4", PROXIES),
                "a forged first entry stays unbelieved behind a real client");
        assertEquals("198.51.100.9", ClientAddresses.resolve("127.0.0.1", "198.51.100.9", PROXIES), "only proxies: the farthest one");
        assertEquals("203.0.113.7", ClientAddresses.resolve("127.0.0.1", "garbage, 203.0.113.7", PROXIES));
        assertEquals("127.0.0.1", ClientAddresses.resolve("127.0.0.1", "not-an-address", PROXIES));
        assertEquals("2001:db8::5", ClientAddresses.resolve("127.0.0.1", "2001:db8::5", PROXIES));
    }
}
