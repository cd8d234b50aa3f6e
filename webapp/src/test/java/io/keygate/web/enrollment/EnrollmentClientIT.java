package io.keygate.web.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.enroll.Main;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.KeySetup;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.TestHttps;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** keygate-enroll (the enroll-client module) against the server: files written, and what it says when refused. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EnrollmentClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @TempDir
    Path directory;

    @Test
    void enrollsAndWritesTheKeyPrivatelyWithAChainThatMatchesIt() throws Exception {
        TestOrganization org = Organizations.create(base, "client");
        long group = org.api().post("api/v1/machine-groups", "{\"name\":\"clients\",\"enabled\":true}").id();
        long certificate = org.api().get("api/v1/signing-certificates?name=Client").list().getJsonObject(0).getJsonNumber("id").longValue();
        JsonObject key = org.api().post("api/v1/provisioning-keys", "{\"name\":\"client-key\",\"machineGroupId\":" + group
                + ",\"signingCertificateId\":" + certificate + ",\"maxUsage\":1}").json();
        Path keyFile = Files.writeString(directory.resolve("key.txt"), key.getString("provisioningKey") + "\n");
        Path out = directory.resolve("enrolled");

        Run first = run("--key-file", keyFile.toString(), "--out", out.toString(), "--hostname", "client-01", "--fingerprint", "fp-client-01");
        assertEquals(0, first.exit, first.toString());
        assertTrue(first.out.contains("Enrolled as machine") && first.out.contains("'clients'"), first.out);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("machine.key"))));
        List<X509Certificate> chain = certificates(Files.readString(out.resolve("chain.pem")));
        assertEquals(3, chain.size());
        assertEquals(chain.get(0), certificates(Files.readString(out.resolve("machine.crt"))).get(0));
        chain.get(0).verify(chain.get(1).getPublicKey());
        assertTrue(chain.get(0).getSubjectX500Principal().getName().contains("CN=client-01"));
        Signature proof = Signature.getInstance("SHA256withECDSA");
        proof.initSign(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(out.resolve("machine.key"))))));
        proof.update("machine".getBytes(StandardCharsets.UTF_8));
        byte[] signature = proof.sign();
        Signature check = Signature.getInstance("SHA256withECDSA");
        check.initVerify(chain.get(0).getPublicKey());
        check.update("machine".getBytes(StandardCharsets.UTF_8));
        assertTrue(check.verify(signature), "machine.key is the key the certificate was issued for");
        assertFalse(first.out.contains(key.getString("provisioningKey").substring(key.getString("provisioningKey").lastIndexOf('_'))),
                "the client never prints the secret");

        Run exhausted = run("--key-file", keyFile.toString(), "--out", directory.resolve("second").toString(), "--hostname", "client-02",
                "--fingerprint", "fp-client-02");
        assertEquals(3, exhausted.exit, exhausted.toString());
        assertTrue(exhausted.err.contains("as many machines as it may"), exhausted.err);
        assertFalse(Files.exists(directory.resolve("second").resolve("machine.key")), "nothing is written for a refusal");

        Path wrong = Files.writeString(directory.resolve("wrong.txt"), key.getString("provisioningKey").replace("|mpk_", "|mpk_X").substring(0, 10));
        Run malformed = run("--key-file", wrong.toString(), "--out", directory.resolve("third").toString());
        assertEquals(2, malformed.exit, malformed.toString());
    }

    @Test
    void enrollsOverHttpsOnlyWithAServerItTrusts() throws Exception {
        KeySetup setup = KeySetup.of(base, "client-tls");
        TestOrganization org = setup.org();
        JsonObject key = setup.create("tls-key", options -> options.add("maxUsage", 2));
        Path keyFile = Files.writeString(directory.resolve("key.txt"), key.getString("provisioningKey") + "\n");
        String https = TestHttps.base(base).toString();
        Path serverCertificate = TestHttps.certificate();
        String fingerprint = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(certificates(Files.readString(serverCertificate)).get(0).getEncoded()));
        String otherFingerprint = "00" + fingerprint.substring(2);

        Run untrusted = runAt(https, "--key-file", keyFile.toString(), "--out", directory.resolve("untrusted").toString());
        assertEquals(5, untrusted.exit, untrusted.toString());
        assertTrue(untrusted.err.contains("not trusted, so the key was not sent") && untrusted.err.contains("--server-sha256"), untrusted.err);
        Run wrongPin = runAt(https, "--key-file", keyFile.toString(), "--out", directory.resolve("wrong-pin").toString(),
                "--server-sha256", otherFingerprint);
        assertEquals(5, wrongPin.exit, wrongPin.toString());
        assertTrue(wrongPin.err.contains(fingerprint), "names the fingerprint the server has: " + wrongPin.err);
        assertEquals(0, org.api().get("api/v1/provisioning-keys/" + key.getJsonNumber("id")).json().getInt("usageCount"),
                "nothing reached the server");

        Run byCa = runAt(https, "--key-file", keyFile.toString(), "--out", directory.resolve("by-ca").toString(), "--hostname", "tls-01",
                "--fingerprint", "fp-tls-01", "--ca-file", serverCertificate.toString());
        assertEquals(0, byCa.exit, byCa.toString());
        Run byPin = runAt(https, "--key-file", keyFile.toString(), "--out", directory.resolve("by-pin").toString(), "--hostname", "tls-02",
                "--fingerprint", "fp-tls-02", "--server-sha256", fingerprint.toLowerCase(java.util.Locale.ROOT).replace(":", ""));
        assertEquals(0, byPin.exit, byPin.toString());
        assertTrue(Files.exists(directory.resolve("by-pin").resolve("machine.crt")));
        assertEquals(2, org.api().get("api/v1/provisioning-keys/" + key.getJsonNumber("id")).json().getInt("usageCount"));
    }

    /** The client in this JVM, pointed at the test server over plain HTTP on 127.0.0.1 (which --plain-http allows). */
    private Run run(String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--plain-http"));
        return runAt(base.toString(), args.toArray(String[]::new));
    }

    private Run runAt(String server, String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--server", server));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<X509Certificate> certificates(String pem) throws Exception {
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                .forEach(c -> certificates.add((X509Certificate) c));
        return certificates;
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private record Run(int exit, String out, String err) {
    }
}
