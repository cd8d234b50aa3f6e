package io.keygate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificateTest {

    @TempDir
    Path data;

    @Test
    void makesAPrivateSelfSignedCertificateOnceAndKeepsIt() throws Exception {
        LauncherConfig config = LauncherConfig.fromEnvironment(Map.of(), data);
        Path javaHome = Path.of(System.getProperty("java.home"));

        ServerCertificate first = ServerCertificate.ensure(config, data, javaHome);

        assertEquals(data.resolve("tls/keygate.p12"), first.keyStore());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.keyStore())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.passwordFile())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("tls"))));
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(data.resolve("tls/keygate.crt"))));
        assertEquals(HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())),
                first.fingerprint(), "the printed fingerprint is the PEM's");
        assertEquals("EC", certificate.getPublicKey().getAlgorithm());
        List<String> names = certificate.getSubjectAlternativeNames().stream().map(name -> name.get(1).toString()).toList();
        assertTrue(names.containsAll(List.of("localhost", "127.0.0.1")), names.toString());
        long days = (certificate.getNotAfter().getTime() - certificate.getNotBefore().getTime()) / 86_400_000L;
        assertEquals(ServerCertificate.VALID_DAYS, days);
        String password = Files.readString(first.passwordFile()).strip();
        assertEquals(password, first.systemProperties().getProperty("javax.net.ssl.keyStorePassword"));
        assertEquals(first.keyStore().toString(), first.systemProperties().getProperty("javax.net.ssl.keyStore"));

        ServerCertificate again = ServerCertificate.ensure(config, data, javaHome);
        assertEquals(first.fingerprint(), again.fingerprint(), "a restart keeps the certificate clients trust");
    }

    @Test
    void aConfiguredKeyStoreMustOpenAndHoldItsEntry() throws Exception {
        Path keyStore = data.resolve("site.p12");
        Files.write(keyStore, new byte[] {1, 2, 3});
        Path password = Files.writeString(data.resolve("password"), "wrong\n");
        LauncherConfig config = LauncherConfig.fromEnvironment(Map.of("KEYGATE_TLS_KEYSTORE", keyStore.toString(),
                "KEYGATE_TLS_KEYSTORE_PASSWORD_FILE", password.toString()), data);

        IOException unreadable = assertThrows(IOException.class, () -> ServerCertificate.ensure(config, data, Path.of(System.getProperty("java.home"))));
        assertTrue(unreadable.getMessage().contains(keyStore.toString()), unreadable.getMessage());
        assertFalse(Files.exists(data.resolve("tls")), "nothing is generated beside a configured key store");
    }

    @Test
    void theGeneratedCertificateNamesThisMachineAndTheBindAddress() {
        assertEquals(List.of("dns:localhost", "ip:127.0.0.1", "ip:::1", "dns:portal-01"),
                ServerCertificate.subjectAlternativeNames("0.0.0.0", "Portal-01"));
        assertEquals(List.of("dns:localhost", "ip:127.0.0.1", "ip:::1", "ip:198.51.100.10"),
                ServerCertificate.subjectAlternativeNames("198.51.100.10", null));
        assertEquals(List.of("dns:localhost", "ip:127.0.0.1", "ip:::1"), ServerCertificate.subjectAlternativeNames("127.0.0.1", "bad name,ip:1.2.3.4"));
    }
}
