package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private static final List<String> PROXIES = List.of("127.0.0.1", "10.20.0.0/16");

    @Test
    void believesForwardedForOnlyFromATrustedProxy() {
        assertEquals("198.51.100.7", ClientAddresses.resolve("127.0.0.1", "198.51.100.7", PROXIES));
        assertEquals("203.0.113.50", ClientAddresses.resolve("203.0.113.50", "198.51.100.7", PROXIES), "a direct caller cannot pick its address");
        assertEquals("127.0.0.1", ClientAddresses.resolve("127.0.0.1", "198.51.100.7", List.of()), "no trusted proxies: the header means nothing");
        assertEquals("127.0.0.1", ClientAddresses.resolve("127.0.0.1", null, PROXIES));
    }

    @Test
    void takesTheNearestUntrustedHopOfTheChain() {
        assertEquals("198.51.100.7", ClientAddresses.resolve("127.0.0.1", "203.0.113.1, 198.51.100.7, 10.20.3.4", PROXIES),
                "a forged first entry stays unbelieved behind a real client");
        assertEquals("10.20.0.9", ClientAddresses.resolve("127.0.0.1", "10.20.0.9", PROXIES), "only proxies: the farthest one");
        assertEquals("198.51.100.7", ClientAddresses.resolve("127.0.0.1", "garbage, 198.51.100.7", PROXIES));
        assertEquals("127.0.0.1", ClientAddresses.resolve("127.0.0.1", "not-an-address", PROXIES));
        assertEquals("2001:db8::5", ClientAddresses.resolve("127.0.0.1", "2001:db8::5", PROXIES));
    }
}
