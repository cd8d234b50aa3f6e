package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.SecretHygiene;
import io.keygate.web.support.SecretInAddressProbe;
import io.keygate.web.support.ServerLog;
import io.keygate.web.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * S1 / G1 / G8 after the whole suite (it runs last): every key and token value an API answer issued during the run
 * is looked for in the log of every test server and in a {@code pg_dump} of the database (the audit table included):
 * the value, its secret part, and the secret in Base64 and in hex. No request may have carried one in its address
 * (a test probe in every deployment logs such a request). The answers themselves were checked as they arrived
 * ({@link SecretHygiene}).
 */
@Order(Integer.MAX_VALUE)
class SecretHygieneIT {

    @Test
    void noIssuedValueIsInTheServerLogOrTheDatabase() throws Exception {
        assertTrue(Files.exists(SecretHygiene.ISSUED), "run with the whole suite: no test issued a value yet");
        Set<String> issued = new LinkedHashSet<>(Files.readAllLines(SecretHygiene.ISSUED, StandardCharsets.UTF_8));
        long keys = issued.stream().filter(value -> value.startsWith("mpk_")).count();
        assertTrue(keys >= 100, "the suite issues at least 100 keys; this run issued " + keys);
        String log = ServerLog.readAfterServersStopped();
        String dump = TestDatabase.dump();

        List<String> found = new ArrayList<>();
        for (String value : issued) {
            String secret = value.substring(21, 21 + 43);
            for (String form : List.of(value, value.substring(21), secret,
                    Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.US_ASCII)),
                    HexFormat.of().formatHex(secret.getBytes(StandardCharsets.US_ASCII)))) {
                if (log.contains(form)) {
                    found.add("server log: " + SecretHygiene.mask(value));
                }
                if (dump.contains(form)) {
                    found.add("database: " + SecretHygiene.mask(value));
                }
            }
        }

        System.out.printf("secret hygiene: %d values issued (%d keys, %d tokens), looked for in %.1f MB of server log and "
                + "%.1f MB of database dump: %d found%n", issued.size(), keys, issued.size() - keys, log.length() / 1e6,
                dump.length() / 1e6, found.size());
        assertEquals(List.of(), found);
        assertFalse(log.contains(SecretInAddressProbe.MARKER), "a request carried a key or token value in its address");
        assertTrue(dump.contains("COPY public.audit_event"), "the dump holds the audit trail");
    }
}
