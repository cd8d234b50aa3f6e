package io.keygate.certificates.internal;

import io.keygate.certificates.api.KeyAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes enrollment CAs with BouncyCastle's certificate builder on the JDK's own key generators:
 * a self-signed root, or an intermediate signed by a parent CA of the same organisation.
 */
final class CertificateAuthorities {

    static final Duration VALIDITY = Duration.ofDays(3653);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A certificate and the private key that belongs to it. The key never leaves the module unencrypted. */
    record Issued(X509Certificate certificate, PrivateKey privateKey) {

        @Override
        public String toString() {
            return "Issued[" + certificate.getSubjectX500Principal().getName() + ", private key redacted]";
        }
    }

    Issued root(String commonName, String organization, KeyAlgorithm algorithm, Instant notBefore) {
        KeyPair pair = newKeyPair(algorithm);
        X500Name subject = name(commonName, organization);
        return new Issued(sign(subject, subject, pair, pair.getPrivate(), null, notBefore, null), pair.getPrivate());
    }

    Issued intermediate(String commonName, String organization, KeyAlgorithm algorithm, Issued parent, Instant notBefore) {
        KeyPair pair = newKeyPair(algorithm);
        X500Name issuer = X500Name.getInstance(parent.certificate().getSubjectX500Principal().getEncoded());
        return new Issued(sign(name(commonName, organization), issuer, pair, parent.privateKey(), parent.certificate(), notBefore, 0),
                pair.getPrivate());
    }

    static String pem(X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static X509Certificate parsePem(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalStateException("A stored certificate cannot be read back", e);
        }
    }

    static String sha256Fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static PrivateKey privateKey(byte[] pkcs8, KeyAlgorithm algorithm) {
        try {
            return KeyFactory.getInstance(keyFactoryAlgorithm(algorithm)).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored CA private key cannot be read back", e);
        }
    }

    /** The key as the given provider's own kind, so that signing with it skips a conversion (and, for EC, reuses precomputed tables). */
    static PrivateKey privateKey(byte[] pkcs8, KeyAlgorithm algorithm, Provider provider) {
        try {
            return KeyFactory.getInstance(keyFactoryAlgorithm(algorithm), provider).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored CA private key cannot be read back", e);
        }
    }

    private static String keyFactoryAlgorithm(KeyAlgorithm algorithm) {
        return algorithm == KeyAlgorithm.RSA_2048 ? "RSA" : "EC";
    }

    private static X500Name name(String commonName, String organization) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .addRDN(BCStyle.O, organization)
                .addRDN(BCStyle.OU, "Keygate enrollment CA")
                .build();
    }

    private static X509Certificate sign(X500Name subject, X500Name issuer, KeyPair subjectKeys, PrivateKey signingKey,
                                        X509Certificate issuerCertificate, Instant notBefore, Integer pathLength) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM).add(BigInteger.ONE),
                    Date.from(notBefore), Date.from(notBefore.plus(VALIDITY)), subject, subjectKeys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, issuerCertificate == null
                    ? extensions.createAuthorityKeyIdentifier(subjectKeys.getPublic())
                    : extensions.createAuthorityKeyIdentifier(issuerCertificate));
            String signature = "EC".equals(signingKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(signature).build(signingKey)));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot issue the certificate " + subject, e);
        }
    }

    private static KeyPair newKeyPair(KeyAlgorithm algorithm) {
        try {
            if (algorithm == KeyAlgorithm.RSA_2048) {
                KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
                rsa.initialize(2048, RANDOM);
                return rsa.generateKeyPair();
            }
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return ec.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Java 17 generates " + algorithm + " keys", e);
        }
    }
}
