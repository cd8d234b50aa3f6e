package io.keygate.web.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S1 / G8 for every answer the API tests receive: a provisioning key's or an API token's value may only be in the
 * answer of the few operations that make or deliberately reveal one, and never in a request's address. A value found
 * anywhere else fails the test that received it. The values that were issued are written to {@link #ISSUED} (they
 * are the test run's own, made for it), so {@code SecretHygieneIT} can look for them in the server log and in a
 * dump of the database once every other test has run.
 */
public final class SecretHygiene {

    public static final Pattern VALUE = Pattern.compile("\\b(mpk|kgt)_[0-9A-Za-z]{16}_[0-9A-Za-z]{49}\\b");
    public static final Path ISSUED = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "issued-secrets.txt");

    /** Method and path (ids as {id}) of the answers that carry a value on purpose: create, rotate, reveal, download. */
    private static final List<Pattern> ISSUING = List.of(
            Pattern.compile("POST /api/v1/provisioning-keys"),
            Pattern.compile("POST /api/v1/provisioning-keys/[0-9]+/rotate"),
            Pattern.compile("POST /api/v1/provisioning-keys/[0-9]+/reveal"),
            Pattern.compile("GET /api/v1/provisioning-keys/[0-9]+/download"),
            Pattern.compile("POST /api/v1/api-tokens"));

    private SecretHygiene() {
    }

    /** Checks one exchange; throws AssertionError when a value is where it must not be. */
    public static void check(String method, URI uri, int status, byte[] body) {
        if (VALUE.matcher(String.valueOf(uri)).find()) {
            throw new AssertionError("a key or token value in a request's address: " + mask(uri.toString()));
        }
        Set<String> values = valuesIn(new String(body, StandardCharsets.UTF_8));
        if (values.isEmpty()) {
            return;
        }
        String exchange = method + " " + uri.getPath();
        if (status >= 300 || ISSUING.stream().noneMatch(issuing -> issuing.matcher(exchange).matches())) {
            throw new AssertionError(exchange + " answered " + status + " with a key or token value in its body: "
                    + mask(String.join(", ", values)));
        }
        record(values);
    }

    public static Set<String> valuesIn(String text) {
        Set<String> values = new LinkedHashSet<>();
        Matcher matcher = VALUE.matcher(text);
        while (matcher.find()) {
            values.add(matcher.group());
        }
        return values;
    }

    /** The value's prefix and id, never its secret: what a failure message may print. */
    public static String mask(String text) {
        return VALUE.matcher(text).replaceAll(match -> match.group().substring(0, 21) + "…");
    }

    private static synchronized void record(Set<String> values) {
        try {
            Files.createDirectories(ISSUED.getParent());
            Files.write(ISSUED, values, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
