package io.keygate.enroll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTrustTest {

    @TempDir
    Path directory;

    @Test
    void readsAFingerprintWithOrWithoutColonsInEitherCase() {
        byte[] expected = HexFormat.of().parseHex("ab".repeat(32));
        assertArrayEquals(expected, ServerTrust.fingerprint("AB:".repeat(31) + "AB"));
        assertArrayEquals(expected, ServerTrust.fingerprint(" " + "ab".repeat(32) + "\n"));
        assertEquals("AB:" .repeat(31) + "AB", ServerTrust.colons(expected));
    }

    @Test
    void refusesWhatIsNotAFingerprintOrACertificateFile() throws Exception {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerTrust.fingerprint("ab".repeat(31))).getMessage()
                .contains("64 hex digits"));
        assertThrows(IllegalArgumentException.class, () -> ServerTrust.fingerprint("zz".repeat(32)));
        Path notPem = Files.writeString(directory.resolve("ca.pem"), "not a certificate");
        assertThrows(IllegalArgumentException.class, () -> ServerTrust.context(notPem, null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerTrust.context(notPem, "ab".repeat(32))).getMessage()
                .contains("not both"));
    }

    @Test
    void trustsJavasCasUnlessToldOtherwise() throws Exception {
        assertSame(SSLContext.getDefault(), ServerTrust.context(null, null));
    }
}
