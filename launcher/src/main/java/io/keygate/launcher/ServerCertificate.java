package io.keygate.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The certificate Keygate serves HTTPS with: a configured PKCS12 key store ({@code KEYGATE_TLS_KEYSTORE} with its
 * password in {@code KEYGATE_TLS_KEYSTORE_PASSWORD_FILE}, entry {@code KEYGATE_TLS_ALIAS}), or one made on the first
 * start in {@code <data>/tls/} by the JDK's keytool: ECDSA P-256, self-signed, valid 825 days, for localhost,
 * 127.0.0.1, ::1, this host's name and the bind address. Beside it, its certificate as PEM (for a client's CA file);
 * the launcher prints its SHA-256 fingerprint (for a client that pins it).
 */
record ServerCertificate(Path keyStore, Path passwordFile, String alias) {

    static final String GENERATED_ALIAS = "keygate";
    static final int VALID_DAYS = 825;
    /** keytool's way to read a password from a file: it never appears on a command line others can list. */
    private static final String FROM_FILE = ":file";

    /** The configured key store, or the generated one (made now if missing). */
    static ServerCertificate ensure(LauncherConfig config, Path dataDir, Path javaHome) throws IOException {
        if (config.tlsKeyStore().isPresent()) {
            ServerCertificate configured = config.tlsKeyStore().get();
            configured.fingerprint();
            return configured;
        }
        Path directory = PrivateFiles.directory(dataDir.resolve("tls"));
        ServerCertificate generated = new ServerCertificate(directory.resolve("keygate.p12"), directory.resolve("keygate.p12.password"),
                GENERATED_ALIAS);
        if (!Files.exists(generated.keyStore())) {
            PrivateFiles.secret(generated.passwordFile());
            Path keytool = javaHome.resolve("bin/keytool");
            run(List.of(keytool.toString(), "-genkeypair", "-alias", GENERATED_ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA", "-validity", Integer.toString(VALID_DAYS), "-dname", "CN=Keygate " + safeName(localHostName()),
                    "-ext", "SAN=" + String.join(",", subjectAlternativeNames(config.bindAddress(), localHostName())),
                    "-storetype", "PKCS12", "-keystore", generated.keyStore().toString(),
                    "-storepass" + FROM_FILE, generated.passwordFile().toString(), "-keypass" + FROM_FILE, generated.passwordFile().toString()));
            Files.setPosixFilePermissions(generated.keyStore(), PrivateFiles.OWNER_ONLY_FILE);
            Console.say("made a self-signed HTTPS certificate in " + generated.keyStore());
        }
        Files.writeString(directory.resolve("keygate.crt"), generated.pem(), StandardCharsets.US_ASCII);
        return generated;
    }

    /** Names and addresses the generated certificate is valid for, as keytool's SAN extension reads them. */
    static List<String> subjectAlternativeNames(String bindAddress, String hostName) {
        Set<String> names = new LinkedHashSet<>(List.of("dns:localhost", "ip:127.0.0.1", "ip:::1"));
        if (hostName != null && hostName.matches("[A-Za-z0-9][A-Za-z0-9.-]*") && !hostName.equalsIgnoreCase("localhost")) {
            names.add("dns:" + hostName.toLowerCase(Locale.ROOT));
        }
        if (!bindAddress.equals("0.0.0.0") && !bindAddress.equals("::")) {
            names.add((bindAddress.matches("[0-9.]+") || bindAddress.contains(":") ? "ip:" : "dns:") + bindAddress);
        }
        return new ArrayList<>(names);
    }

    /**
     * Says so when the certificate has expired or expires within 30 days. It is not replaced on its own: clients pin
     * its fingerprint, and a new one is the admin's decision (delete {@code <data>/tls/} for a new self-signed one).
     */
    void warnIfExpiring() throws IOException {
        try {
            java.util.Date notAfter = ((java.security.cert.X509Certificate) certificate()).getNotAfter();
            long daysLeft = java.time.Duration.between(java.time.Instant.now(), notAfter.toInstant()).toDays();
            if (daysLeft < 30) {
                Console.error("the HTTPS certificate in " + keyStore + (daysLeft < 0 ? " expired on " : " expires on ") + notAfter.toInstant()
                        + "; replace it (for the generated one: delete " + keyStore.getParent() + " and restart; its fingerprint changes)");
            }
        } catch (GeneralSecurityException e) {
            throw unreadable(e);
        }
    }

    /** The SHA-256 of the certificate, as {@code AB:CD:...}; also proves the key store opens with its password. */
    String fingerprint() throws IOException {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw unreadable(e);
        }
    }

    private IOException unreadable(Exception cause) {
        return new IOException("the HTTPS key store " + keyStore + " cannot be opened with the password in " + passwordFile
                + " (" + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()) + ")", cause);
    }

    /** The Java system properties that make Payara serve this key store (given to it in a private file, not on its command line). */
    Properties systemProperties() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("javax.net.ssl.keyStore", keyStore.toString());
        properties.setProperty("javax.net.ssl.keyStorePassword", password());
        properties.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
        return properties;
    }

    /**
     * The certificate and its private key as PEM files, for a reverse proxy that ends TLS in front of the nodes
     * ({@code ./keygate cluster}); the key file is the owner's only.
     */
    void exportPem(Path certificateFile, Path privateKeyFile) throws IOException {
        try {
            KeyStore store = open();
            java.security.Key key = store.getKey(alias, password().toCharArray());
            Files.writeString(certificateFile, pem(), StandardCharsets.US_ASCII);
            PrivateFiles.replaceSecret(privateKeyFile, armored("PRIVATE KEY", key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw unreadable(e);
        }
    }

    private static String armored(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    private String pem() throws IOException {
        try {
            return armored("CERTIFICATE", certificate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private Certificate certificate() throws IOException, GeneralSecurityException {
        return open().getCertificate(alias);
    }

    private KeyStore open() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password().toCharArray());
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (!store.isKeyEntry(alias)) {
            throw new IOException(keyStore + " has no key entry named '" + alias + "' (KEYGATE_TLS_ALIAS)");
        }
        return store;
    }

    private String password() throws IOException {
        String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        if (password.isEmpty()) {
            throw new IOException(passwordFile + " is empty");
        }
        return password;
    }

    /** The kernel's name for this machine; read from the file, because asking Java may send a DNS query. */
    private static String localHostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).strip();
        } catch (IOException notLinux) {
            return null;
        }
    }

    private static String safeName(String hostName) {
        return hostName != null && hostName.matches("[A-Za-z0-9.-]+") ? hostName : "server";
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("keytool could not make the HTTPS certificate: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool made the HTTPS certificate", e);
        }
    }
}
