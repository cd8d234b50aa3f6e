package io.keygate.enroll;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * {@code keygate-enroll --key-file key.txt --out dir/}: makes an ECDSA P-256 key pair and a request, enrolls at the
 * host written in the key, and writes {@code machine.key} (mode 0600), {@code machine.crt} and {@code chain.pem}.
 * Exit codes: 0 enrolled, 2 wrong usage or files, 3 refused by the server, 4 server not reachable or not understood,
 * 5 the server's certificate is not trusted (nothing was sent).
 */
public final class Main {

    static final int ENROLLED = 0;
    static final int USAGE = 2;
    static final int REFUSED = 3;
    static final int UNREACHABLE = 4;
    static final int UNTRUSTED = 5;

    private static final String USAGE_TEXT = """
            Usage: keygate-enroll --key-file <file> --out <directory> [options]
              --key-file <file>      the provisioning key, as Keygate showed it (1|<host>|mpk_...)
              --out <directory>      where machine.key (mode 0600), machine.crt and chain.pem are written; created if missing
              --hostname <name>      this machine's name (default: the system's host name)
              --fingerprint <text>   what identifies this machine across re-enrollments (default: SHA-256 of /etc/machine-id)
              --os <text>            the operating system to report (default: os.name and os.version)
              --server <url>         enroll at this base URL instead of https://<host in the key>/
              --plain-http           allow http:// for a server on this machine (127.0.0.1, ::1, localhost) only
              --ca-file <file>       trust the CA certificate(s) of this PEM file for the server instead of Java's public CAs
              --server-sha256 <hex>  trust exactly the server certificate with this SHA-256 fingerprint (./keygate run prints it)
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole run; the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        try {
            ProvisioningKeyText key = ProvisioningKeyText.parse(Files.readString(options.keyFile(), StandardCharsets.UTF_8));
            URI endpoint = endpoint(options, key);
            SSLContext trust = ServerTrust.context(options.caFile(), options.serverSha256());
            Path directory = Files.createDirectories(options.out());
            for (String name : List.of("machine.key", "machine.crt", "chain.pem")) {
                if (Files.exists(directory.resolve(name))) {
                    err.println(directory.resolve(name) + " exists already; choose another --out directory or move the old files away.");
                    return USAGE;
                }
            }
            KeyPair keys = CertificateSigningRequest.newKeyPair();
            Map<String, String> body = new LinkedHashMap<>();
            body.put("provisioningKey", key.value());
            body.put("hostname", options.hostname());
            body.put("fingerprint", options.fingerprint());
            body.put("os", options.os());
            body.put("csr", CertificateSigningRequest.pem(keys, options.hostname()));
            HttpResponse<String> response;
            try {
                response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(15))
                        .sslContext(trust).build()
                        .send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.object(body))).build(),
                                HttpResponse.BodyHandlers.ofString());
            } catch (SSLHandshakeException e) {
                if (!isCertificateRefusal(e)) {
                    err.println("Keygate at " + endpoint + " could not be reached over TLS: " + e.getMessage());
                    return UNREACHABLE;
                }
                err.println("The server at " + endpoint + " is not trusted, so the key was not sent: " + e.getMessage() + ". If Keygate "
                        + "serves its own certificate, give --ca-file with its certificate or --server-sha256 with the fingerprint "
                        + "./keygate run printed.");
                return UNTRUSTED;
            } catch (IOException e) {
                err.println("Keygate at " + endpoint + " could not be reached: " + e.getMessage());
                return UNREACHABLE;
            }
            return answer(response, directory, keys, out, err);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("Cannot read or write a file: " + e.getMessage());
            return USAGE;
        } catch (GeneralSecurityException e) {
            err.println("This Java lacks what the client needs (ECDSA P-256 keys, TLS): " + e.getMessage());
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNREACHABLE;
        }
    }

    /** The handshake failed on the server's certificate (not on a protocol or a dropped connection). */
    static boolean isCertificateRefusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.security.cert.CertificateException || cause instanceof javax.net.ssl.SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    private static int answer(HttpResponse<String> response, Path directory, KeyPair keys, PrintStream out, PrintStream err) throws IOException {
        Map<String, String> json;
        try {
            json = Json.flatObject(response.body());
        } catch (RuntimeException notJson) {
            err.println("The server answered " + response.statusCode() + " with something that is not Keygate's answer; is --server right?");
            return UNREACHABLE;
        }
        if (response.statusCode() == 200 || response.statusCode() == 201) {
            String chain = json.get("certificateChain");
            if (chain == null || !chain.startsWith("-----BEGIN CERTIFICATE-----")) {
                err.println("The server's answer has no certificate chain.");
                return UNREACHABLE;
            }
            int firstEnd = chain.indexOf("-----END CERTIFICATE-----") + "-----END CERTIFICATE-----".length();
            writePrivate(directory.resolve("machine.key"), CertificateSigningRequest.privateKeyPem(keys));
            Files.writeString(directory.resolve("machine.crt"), chain.substring(0, firstEnd).strip() + "\n", StandardOpenOption.CREATE_NEW);
            Files.writeString(directory.resolve("chain.pem"), chain, StandardOpenOption.CREATE_NEW);
            out.println((response.statusCode() == 200 ? "Re-enrolled" : "Enrolled") + " as machine " + json.get("machineId") + " in group '"
                    + json.get("machineGroup") + "'; certificate " + json.get("certificateSerial") + ".");
            out.println("Wrote " + directory.resolve("machine.key") + " (mode 0600), " + directory.resolve("machine.crt") + ", "
                    + directory.resolve("chain.pem") + ".");
            return ENROLLED;
        }
        err.println(explain(response.statusCode(), json.getOrDefault("id", ""), json.getOrDefault("reason", ""),
                response.headers().firstValue("Retry-After").orElse(null)));
        return response.statusCode() >= 500 ? UNREACHABLE : REFUSED;
    }

    /** What to do about each answer of the enrollment endpoint (E3, E6). */
    static String explain(int status, String id, String reason, String retryAfter) {
        return switch (id) {
            case "invalid_key" -> "The provisioning key was refused: it is mistyped, incomplete, deleted or rotated out. "
                    + "Copy the whole key again, or ask an administrator for a new one.";
            case "key_disabled" -> "The provisioning key is disabled. Ask an administrator to enable it, or for another key.";
            case "key_expired" -> "The provisioning key has expired. Ask an administrator for a new key.";
            case "key_exhausted" -> "The provisioning key has enrolled as many machines as it may. Ask an administrator to raise its "
                    + "maximum usage, or for another key.";
            case "ip_not_allowed" -> "The provisioning key may not be used from this machine's address (its IP allow-list).";
            case "group_disabled" -> "The machine group of this key is disabled. Ask an administrator to enable it.";
            case "already_enrolled" -> "This machine is already enrolled with this key, and the key does not allow re-enrollment. "
                    + "Use another --fingerprint only if this really is another machine.";
            case "rate_limited" -> "Too many failed enrollments from this address or with this key; try again in "
                    + (retryAfter == null ? "a minute" : retryAfter + " seconds") + ".";
            default -> "The server refused the enrollment (" + status + (id.isEmpty() ? "" : " " + id) + ")" + (reason.isEmpty() ? "." : ": " + reason);
        };
    }

    static URI endpoint(Options options, ProvisioningKeyText key) {
        URI base = URI.create(options.server() != null ? options.server() : "https://" + key.host() + "/");
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase();
        if (scheme.equals("http")) {
            if (options.caFile() != null || options.serverSha256() != null) {
                throw new IllegalArgumentException("--ca-file and --server-sha256 are for https; plain http checks no certificate.");
            }
            if (!options.plainHttp()) {
                throw new IllegalArgumentException("Refusing to send the key over plain http to " + base + "; use https, or --plain-http "
                        + "for a server on this machine.");
            }
            if (!List.of("127.0.0.1", "localhost", "[::1]").contains(base.getHost() == null ? "" : base.getHost().toLowerCase())) {
                throw new IllegalArgumentException("--plain-http is only for a server on this machine (127.0.0.1, ::1, localhost), not " + base.getHost());
            }
        } else if (!scheme.equals("https")) {
            throw new IllegalArgumentException("The server must be an https:// URL, not " + base);
        }
        String path = base.getPath() == null || base.getPath().isEmpty() ? "/" : base.getPath();
        return base.resolve((path.endsWith("/") ? path : path + "/") + "api/v1/enrollments");
    }

    record Options(Path keyFile, Path out, String hostname, String fingerprint, String os, String server, boolean plainHttp,
                   Path caFile, String serverSha256) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            boolean plainHttp = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--plain-http")) {
                    plainHttp = true;
                } else if (List.of("--key-file", "--out", "--hostname", "--fingerprint", "--os", "--server", "--ca-file", "--server-sha256").contains(arg)) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value.");
                    }
                    values.put(arg, args[++i]);
                } else {
                    throw new IllegalArgumentException("Unknown option " + arg + ".");
                }
            }
            if (!values.containsKey("--key-file") || !values.containsKey("--out")) {
                throw new IllegalArgumentException("--key-file and --out are required.");
            }
            String hostname = values.getOrDefault("--hostname", localHostname());
            return new Options(Path.of(values.get("--key-file")), Path.of(values.get("--out")), hostname,
                    values.getOrDefault("--fingerprint", defaultFingerprint(hostname)),
                    values.getOrDefault("--os", System.getProperty("os.name") + " " + System.getProperty("os.version")),
                    values.get("--server"), plainHttp, values.containsKey("--ca-file") ? Path.of(values.get("--ca-file")) : null,
                    values.get("--server-sha256"));
        }

        private static String localHostname() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "unknown-host";
            }
        }

        /** Stable across re-installs of the client, different between machines; the machine id itself is not sent. */
        private static String defaultFingerprint(String hostname) {
            try {
                String machineId = Files.readString(Path.of("/etc/machine-id")).strip();
                return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(("keygate:" + machineId)
                        .getBytes(StandardCharsets.UTF_8)));
            } catch (IOException | GeneralSecurityException e) {
                return "host:" + hostname;
            }
        }
    }

    private static void writePrivate(Path file, String pem) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " exists already", e);
        }
        Files.writeString(file, pem, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
