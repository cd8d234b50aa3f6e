package io.keygate.web.certificates;

import static io.keygate.web.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.ApiClient;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.Response;
import io.keygate.web.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The signing-certificate REST contract: default CAs, create, PEM download, delete rules, tenancy, storage. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SigningCertificateApiIT {

    private static final String CERTIFICATES = "api/v1/signing-certificates";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void givesEveryNewOrganisationARootAndAClientSignedByIt() throws Exception {
        TestOrganization org = Organizations.create(base, "default-cas");

        List<JsonObject> certificates = org.api().get(CERTIFICATES + "?sort=name").list().getValuesAs(JsonObject.class);

        assertEquals(List.of("Client", "Root"), certificates.stream().map(c -> c.getString("name")).toList());
        JsonObject client = certificates.get(0);
        JsonObject root = certificates.get(1);
        assertEquals("ROOT", root.getString("type"));
        assertEquals("INTERMEDIATE", client.getString("type"));
        assertEquals(root.getJsonNumber("id").longValue(), client.getJsonNumber("parentId").longValue());
        assertEquals("ECDSA_P256", root.getString("keyAlgorithm"));
        assertTrue(root.getString("subject").contains("O=" + org.name()), root.toString());
        long validDays = Duration.between(Instant.parse(root.getString("validFrom")), Instant.parse(root.getString("validTo"))).toDays();
        assertTrue(validDays >= 3652, "ten years: " + validDays);
        X509Certificate rootCertificate = x509(pem(org.api(), root));
        X509Certificate clientCertificate = x509(pem(org.api(), client));
        rootCertificate.verify(rootCertificate.getPublicKey());
        clientCertificate.verify(rootCertificate.getPublicKey());
        assertEquals(root.getString("fingerprintSha256").replace(":", "").toLowerCase(),
                java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(rootCertificate.getEncoded())));
    }

    @Test
    void downloadsThePublicCertificateOnlyAsAnAttachment() {
        TestOrganization org = Organizations.create(base, "pem");
        JsonObject root = named(org, "Root");

        Response pem = org.api().download(CERTIFICATES + "/" + root.getJsonNumber("id").longValue() + "/pem");

        assertEquals(200, pem.status());
        assertTrue(pem.header("Content-Type").startsWith("application/x-pem-file"), pem.header("Content-Type"));
        assertEquals("attachment; filename=\"Root.pem\"", pem.header("Content-Disposition"));
        assertTrue(pem.body().startsWith("-----BEGIN CERTIFICATE-----"));
        assertFalse(pem.body().contains("PRIVATE KEY"));
    }

    @Test
    void createsRootsAndIntermediatesUnderRootsOnly() throws Exception {
        TestOrganization org = Organizations.create(base, "create-ca");

        Response root = org.api().post(CERTIFICATES, certificate("Lab-Root", "ROOT", null, "RSA_2048"));
        long rootId = root.id();
        Response intermediate = org.api().post(CERTIFICATES, certificate("Lab-Issuing", "INTERMEDIATE", rootId, null));
        Response underIntermediate = org.api().post(CERTIFICATES, certificate("Too-Deep", "INTERMEDIATE", intermediate.id(), null));

        assertEquals(201, root.status(), root.toString());
        assertTrue(root.header("Location").endsWith("/" + CERTIFICATES + "/" + rootId));
        assertEquals("RSA_2048", root.json().getString("keyAlgorithm"));
        assertEquals(201, intermediate.status(), intermediate.toString());
        assertEquals("ECDSA_P256", intermediate.json().getString("keyAlgorithm"));
        x509(pem(org.api(), intermediate.json())).verify(x509(pem(org.api(), root.json())).getPublicKey());
        assertError(underIntermediate, 400, "parent_not_root");
        assertEquals(4, org.api().get(CERTIFICATES).json().getInt("totalCount"));
    }

    @Test
    void refusesBadInputNamingTheFieldAndCreatesNothing() {
        TestOrganization org = Organizations.create(base, "bad-ca");
        TestOrganization other = Organizations.create(base, "other-ca");
        long foreignRoot = named(other, "Root").getJsonNumber("id").longValue();

        assertError(org.api().post(CERTIFICATES, certificate("bad name", "ROOT", null, null)), 400, "name_invalid");
        assertError(org.api().post(CERTIFICATES, "{\"name\":\"no-type\"}"), 400, "type_required");
        assertError(org.api().post(CERTIFICATES, certificate("orphan", "INTERMEDIATE", null, null)), 400, "parent_required");
        assertError(org.api().post(CERTIFICATES, certificate("root-with-parent", "ROOT", foreignRoot, null)), 400, "parent_not_allowed");
        assertError(org.api().post(CERTIFICATES, certificate("stolen-parent", "INTERMEDIATE", foreignRoot, null)), 400, "parent_unknown");
        assertError(org.api().post(CERTIFICATES, certificate("root", "ROOT", null, null)), 409, "duplicate_name");
        assertError(org.api().post(CERTIFICATES, "{\"name\":\"x\",\"type\":\"ROOT\",\"keyAlgorithm\":\"DSA\"}"), 400, "malformed_json");
        assertEquals(2, org.api().get(CERTIFICATES).json().getInt("totalCount"));
        assertEquals(2, other.api().get(CERTIFICATES).json().getInt("totalCount"));
    }

    @Test
    void refusesToDeleteACertificateThatSignedAnotherThenDeletesInOrder() {
        TestOrganization org = Organizations.create(base, "delete-ca");
        long root = named(org, "Root").getJsonNumber("id").longValue();
        long client = named(org, "Client").getJsonNumber("id").longValue();

        Response refused = org.api().delete(CERTIFICATES + "/" + root);

        assertError(refused, 409, "certificate_in_use");
        assertTrue(refused.json().getString("reason").contains("Client"), refused.toString());
        assertEquals(204, org.api().delete(CERTIFICATES + "/" + client).status());
        assertEquals(204, org.api().delete(CERTIFICATES + "/" + root).status());
        assertError(org.api().get(CERTIFICATES + "/" + root), 404, "not_found");
        assertEquals(0, org.api().get(CERTIFICATES).json().getInt("totalCount"));
    }

    @Test
    void keepsCertificatesToTheirOrganisationAndChangesToAdministrators() {
        TestOrganization a = Organizations.create(base, "ca-tenant-a");
        TestOrganization b = Organizations.create(base, "ca-tenant-b");
        long ofA = named(a, "Root").getJsonNumber("id").longValue();
        long ofB = named(b, "Root").getJsonNumber("id").longValue();
        String viewer = "viewer-" + a.name();
        assertEquals(201, a.api().post("api/v1/admins", "{\"username\":\"" + viewer + "\",\"password\":\"" + Organizations.PASSWORD
                + "\",\"role\":\"READ_ONLY\"}").status());
        ApiClient readOnly = ApiClient.as(base, viewer, Organizations.PASSWORD);

        for (long foreign : List.of(ofB)) {
            assertError(a.api().get(CERTIFICATES + "/" + foreign), 404, "not_found");
            assertError(a.api().download(CERTIFICATES + "/" + foreign + "/pem"), 404, "not_found");
            assertError(a.api().delete(CERTIFICATES + "/" + foreign), 404, "not_found");
        }
        assertError(b.api().get(CERTIFICATES + "/" + ofA), 404, "not_found");
        assertError(b.api().delete(CERTIFICATES + "/" + ofA), 404, "not_found");
        assertEquals(2, readOnly.get(CERTIFICATES).json().getInt("totalCount"));
        assertError(readOnly.post(CERTIFICATES, certificate("ro-root", "ROOT", null, null)), 403, "read_only");
        assertError(readOnly.delete(CERTIFICATES + "/" + named(a, "Client").getJsonNumber("id").longValue()), 403, "read_only");
        assertEquals(2, a.api().get(CERTIFICATES).json().getInt("totalCount"));
        assertEquals(2, b.api().get(CERTIFICATES).json().getInt("totalCount"));
    }

    @Test
    void storesPrivateKeysOnlyEncryptedAndAuditsTheDefaults() throws Exception {
        TestOrganization org = Organizations.create(base, "sealed");

        try (Connection db = TestDatabase.connect();
             PreparedStatement keys = db.prepareStatement("SELECT private_key_ciphertext FROM signing_certificate WHERE organization_id = ?")) {
            keys.setLong(1, org.id());
            try (ResultSet rows = keys.executeQuery()) {
                int count = 0;
                byte[] previous = null;
                while (rows.next()) {
                    byte[] sealed = rows.getBytes(1);
                    assertEquals(0x21, sealed[0], "the sealed-secret layout, not a DER private key (0x30)");
                    assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("PRIVATE"));
                    assertFalse(java.util.Arrays.equals(sealed, previous));
                    previous = sealed;
                    count++;
                }
                assertEquals(2, count);
            }
        }
        try (Connection db = TestDatabase.connect();
             PreparedStatement dataKey = db.prepareStatement("SELECT master_key_version, length(wrapped_key) FROM organization_data_key WHERE organization_id = ?")) {
            dataKey.setLong(1, org.id());
            try (ResultSet row = dataKey.executeQuery()) {
                assertTrue(row.next(), "the organisation's data key exists, wrapped");
                assertEquals(1, row.getInt(1));
                assertEquals(63, row.getInt(2));
            }
        }
        List<JsonObject> events = org.api().get("api/v1/audit-events?action=signing_certificate.create").list().getValuesAs(JsonObject.class);
        assertEquals(List.of("Client", "Root"), events.stream().map(e -> e.getString("resourceName")).sorted().toList());
        assertNotEquals(events.get(0).getString("details"), events.get(1).getString("details"));
    }

    private static JsonObject named(TestOrganization org, String name) {
        return org.api().get(CERTIFICATES + "?name=" + name).list().getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name)).findFirst().orElseThrow();
    }

    private static String pem(ApiClient api, JsonObject certificate) {
        Response pem = api.download(CERTIFICATES + "/" + certificate.getJsonNumber("id").longValue() + "/pem");
        assertEquals(200, pem.status(), pem.toString());
        return pem.body();
    }

    private static X509Certificate x509(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String certificate(String name, String type, Long parentId, String keyAlgorithm) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("name", name).add("description", "test CA").add("type", type);
        if (parentId != null) {
            body.add("parentId", parentId);
        }
        if (keyAlgorithm != null) {
            body.add("keyAlgorithm", keyAlgorithm);
        }
        return body.build().toString();
    }
}
