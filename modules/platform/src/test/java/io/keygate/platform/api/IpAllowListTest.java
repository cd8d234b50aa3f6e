package io.keygate.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IpAllowListTest {

    @Test
    void acceptsIpv4AndIpv6CidrsAndSingleAddresses() {
        assertEquals(List.of("203.0.113.0/24", "198.51.100.7/32", "2001:db8::/32", "::1/128"),
                IpAllowList.validate(List.of("203.0.113.0/24", " 198.51.100.7 ", "2001:db8::/32", "::1")));
        assertEquals(List.of(), IpAllowList.validate(null));
    }

    @Test
    void storesAndParsesBackTheSameList() {
        List<String> cidrs = IpAllowList.validate(List.of("203.0.113.0/24", "2001:db8::/32"));
        assertEquals(cidrs, IpAllowList.parsed(IpAllowList.stored(cidrs)));
        assertEquals(List.of(), IpAllowList.parsed(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com", "256.1.1.1", "198.51.100.0/33", "198.51.100.0/-1", "2001:db8::/129", "1.2.3", "2001:db8:::1", "198.51.100.0/24/1", "198.51.100.0/ab"})
    void refusesEachBadEntryNamingIt(String entry) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IpAllowList.validate(List.of("203.0.113.0/24", entry)));
        assertEquals("ipAllowList", e.field());
        assertTrue(e.reason().contains("'" + entry.trim() + "'"), e.reason());
    }

    @Test
    void boundsTheNumberOfEntries() {
        String[] many = new String[101];
        Arrays.fill(many, "203.0.113.1");
        assertThrows(InvalidInputException.class, () -> IpAllowList.validate(List.of(many)));
    }

    @Test
    void admitsAddressesInsideTheCidrsOnly() {
        String stored = IpAllowList.stored(IpAllowList.validate(List.of("203.0.113.0/25", "198.51.100.7", "2001:db8:10::/48")));
        for (String inside : List.of("203.0.113.0", "203.0.113.127", "198.51.100.7", "2001:db8:10::1", "2001:db8:10:ffff::9", "::ffff:203.0.113.5")) {
            assertTrue(IpAllowList.permits(stored, inside), inside);
        }
        for (String outside : List.of("203.0.113.128", "198.51.100.8", "2001:db8:11::1", "203.0.113.200", "::1", "", "not-an-address", "example.com")) {
            assertFalse(IpAllowList.permits(stored, outside), outside);
        }
        assertTrue(IpAllowList.permits("", "203.0.113.200"), "no list admits every address");
    }
}
