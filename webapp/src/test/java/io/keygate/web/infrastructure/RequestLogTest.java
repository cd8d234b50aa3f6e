package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestLogTest {

    @Test
    void writesEveryFieldAsANameValuePairAndMissingOnesAsADash() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("request_id", "r1");
        fields.put("status", 200);
        fields.put("organization", null);
        assertEquals("request request_id=r1 status=200 organization=-", RequestLog.text(fields));
    }

    @Test
    void quotesATextValueThatCouldBreakTheLineIntoOtherPairs() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("admin", "eve status=500\nrequest forged=1");
        assertEquals("request admin=\"eve status=500\\u000arequest forged=1\"", RequestLog.text(fields));
    }

    @Test
    void writesOneJsonObjectLeavingOutMissingFieldsAndEscapingText() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("request_id", "r1");
        fields.put("path", "/keys/\"x\"\\");
        fields.put("status", 429);
        fields.put("admin", null);
        fields.put("token", 7L);
        assertEquals("{\"request_id\":\"r1\",\"path\":\"/keys/\\\"x\\\"\\\\\",\"status\":429,\"token\":7}", RequestLog.json(fields));
    }

    @Test
    void cutsAPathWhereASecretOfKeygatesWouldStart() {
        assertEquals("/api/v1/keys/[cut]", RequestLog.pathWithoutSecrets("/api/v1/keys/mpk_abc_def"));
        assertEquals("/x/[cut]", RequestLog.pathWithoutSecrets("/x/kgt_0123456789abcdef_secret"));
        assertEquals("/api/v1/machine-groups/12", RequestLog.pathWithoutSecrets("/api/v1/machine-groups/12"));
        assertEquals("/x/[cut]", RequestLog.pathWithoutSecrets("/x/mpk%5FabcDEF"), "percent-encoded");
        assertEquals("/x/[cut]", RequestLog.pathWithoutSecrets("/x/MPK_abc"), "in another case");
        assertEquals("/a/[cut]", RequestLog.pathWithoutSecrets("/a/kgt_1/mpk_2"), "cut at the first");
        assertEquals("/100%zz", RequestLog.pathWithoutSecrets("/100%zz"), "an undecodable path is kept as it came");
    }
}
