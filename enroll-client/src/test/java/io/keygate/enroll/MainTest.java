package io.keygate.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    private static final String KEY = "1|keygate.example:8443|mpk_AbCdEfGh12345678_" + "a".repeat(49);

    @TempDir
    Path directory;

    @Test
    void readsTheHostFromTheKeyAndEnrollsOverHttpsByDefault() {
        ProvisioningKeyText key = ProvisioningKeyText.parse("  " + KEY + "\n");
        assertEquals("keygate.example:8443", key.host());
        assertFalse(key.toString().contains("aaaa"), "the secret is never printed");
        assertEquals("https://keygate.example:8443/api/v1/enrollments", Main.endpoint(options(null, false), key).toString());
        assertEquals("https://other.example/keygate/api/v1/enrollments", Main.endpoint(options("https://other.example/keygate", false), key).toString());
        assertEquals("http://127.0.0.1:8080/api/v1/enrollments", Main.endpoint(options("http://127.0.0.1:8080/", true), key).toString());
    }

    @Test
    void sendsTheKeyInClearTextOnlyToThisMachineAndOnlyWhenAsked() {
        ProvisioningKeyText key = ProvisioningKeyText.parse(KEY);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Main.endpoint(options("http://127.0.0.1:8080/", false), key))
                .getMessage().contains("--plain-http"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Main.endpoint(options("http://keygate.example/", true), key))
                .getMessage().contains("only for a server on this machine"));
        assertThrows(IllegalArgumentException.class, () -> Main.endpoint(options("ftp://keygate.example/", false), key));
    }

    @Test
    void refusesWhatCannotBeAKeyAndBadUsageWithExitCodeTwo() throws Exception {
        for (String text : new String[] {"", "mpk_AbCdEfGh12345678_" + "a".repeat(49), KEY.replace("1|", "2|"), KEY + "x", KEY.replace("_a", "-a")}) {
            assertThrows(IllegalArgumentException.class, () -> ProvisioningKeyText.parse(text), text);
        }
        Path keyFile = Files.writeString(directory.resolve("key.txt"), "not a key");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(Main.USAGE, Main.run(new String[] {"--key-file", keyFile.toString(), "--out", directory.resolve("out").toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("does not hold a provisioning key"), err.toString(StandardCharsets.UTF_8));
        assertEquals(Main.USAGE, Main.run(new String[] {"--out", "x"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream())));
        assertEquals(Main.USAGE, Main.run(new String[] {"--key-file", "k", "--out", "x", "--colour"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void explainsEveryRefusalOfTheServer() {
        for (String id : new String[] {"invalid_key", "key_disabled", "key_expired", "key_exhausted", "ip_not_allowed", "group_disabled",
                "already_enrolled"}) {
            String text = Main.explain(403, id, "server words", null);
            assertFalse(text.contains("server words"), "a known answer has its own explanation: " + id);
        }
        assertTrue(Main.explain(429, "rate_limited", "", "42").contains("42 seconds"));
        assertTrue(Main.explain(400, "csr_key_weak", "The request's RSA key has 1024 bits", null).contains("1024 bits"));
    }

    @Test
    void writesAndReadsTheJsonOfTheCall() {
        String json = Json.object(Map.of("hostname", "a\"b\\c\n\u0001"));
        assertEquals("{\"hostname\":\"a\\\"b\\\\c\\n\\u0001\"}", json);
        Map<String, String> read = Json.flatObject("{\"machineId\": 42, \"machineGroup\":\"web \\u00e9\", \"reEnrolled\":false, "
                + "\"nested\":{\"a\":[1,{\"b\":\"}\"}]}, \"certificateChain\":\"-----BEGIN\\nX\"}");
        assertEquals("42", read.get("machineId"));
        assertEquals("web é", read.get("machineGroup"));
        assertEquals("false", read.get("reEnrolled"));
        assertEquals("-----BEGIN\nX", read.get("certificateChain"));
        assertThrows(IllegalArgumentException.class, () -> Json.flatObject("<html>"));
    }

    private Main.Options options(String server, boolean plainHttp) {
        return new Main.Options(directory.resolve("key.txt"), directory.resolve("out"), "host", "fp", "os", server, plainHttp, null, null);
    }

    @Test
    void tellsAnUntrustedCertificateFromOtherHandshakeFailures() {
        javax.net.ssl.SSLHandshakeException untrusted = new javax.net.ssl.SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new java.security.cert.CertificateException("unable to find valid certification path"));
        assertTrue(Main.isCertificateRefusal(untrusted));
        assertFalse(Main.isCertificateRefusal(new javax.net.ssl.SSLHandshakeException("Remote host terminated the handshake")));
    }

    @Test
    void refusesCertificateOptionsForPlainHttp() {
        Main.Options options = new Main.Options(directory.resolve("key.txt"), directory.resolve("out"), "host", "fp", "os",
                "http://127.0.0.1:8080/", true, null, "ab".repeat(32));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Main.endpoint(options, ProvisioningKeyText.parse(KEY))).getMessage()
                .contains("are for https"));
    }
}
