package io.keygate.keys.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostSyntaxTest {

    private static final String LABEL_63 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    @ParameterizedTest
    @ValueSource(strings = {"enroll.example.com", "enroll.example.com:8443", "localhost", "localhost:1", "EXAMPLE.COM",
            "host-1.internal", "xn--bcher-kva.example", "3com.example", LABEL_63 + ".example",
            "203.0.113.10", "203.0.113.10:65535", "0.0.0.0", "255.255.255.255",
            "[2001:db8::1]", "[2001:DB8::1]:8443", "[::1]", "[::]", "[::ffff:203.0.113.1]", "[1:2:3:4:5:6:7:8]",
            "[1:2:3:4:5:6:1.2.3.4]", "[1:2:3:4:5:6:7::]", "[::2:3:4:5:6:7:8]", "[fe80::1:2]:1"})
    void acceptsDnsNamesAndIpLiteralsWithAnOptionalPort(String host) {
        assertNull(HostSyntax.problem(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "exa mple.com", "-bad.com", "bad-.com", "a..b", ".a", "a.", "host_name.com",
            "ex!ample.com", "exämple.com", LABEL_63 + "a.example", "host:", "host:0", "host:65536", "host:080",
            "host:http", "host:1:2", "256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "example.123", "::1", "2001:db8::1",
            "[::1", "[::1]x", "[::1]:", "[::1]:0", "[]", "[1:2:3:4:5:6:7:8:9]", "[1:2:3:4:5:6:7]", "[1::2::3]", "[:::]",
            "[12345::]", "[::1%eth0]", "[1.2.3.4::]", "[g::1]", "[1:2:3:4:5:6:7::8]", "[:1::2]", "[1::2:]",
            "[203.0.113.1]", "enroll.example.com/path", "user@enroll.example.com", "enroll.example.com|x"})
    void refusesAnythingElse(String host) {
        assertNotNull(HostSyntax.problem(host), host);
    }

    @ParameterizedTest
    @ValueSource(ints = {253, 254})
    void limitsADnsNameTo253Characters(int length) {
        String host = (LABEL_63 + ".").repeat(3) + "b".repeat(length - 3 * 64);

        if (length <= 253) {
            assertNull(HostSyntax.problem(host), host);
        } else {
            assertNotNull(HostSyntax.problem(host), host);
        }
    }
}
