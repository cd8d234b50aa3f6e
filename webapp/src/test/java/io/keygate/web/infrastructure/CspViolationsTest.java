package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class CspViolationsTest {

    @Test
    void describesALevelTwoReportByDirectiveAndPathsOnly() {
        String report = "{\"csp-report\":{\"document-uri\":\"https://keygate.example/keys/list.xhtml?search=private\","
                + "\"violated-directive\":\"script-src 'self'\",\"effective-directive\":\"script-src-elem\","
                + "\"blocked-uri\":\"inline\",\"script-sample\":\"alert(document.cookie)\"}}";

        String described = CspViolations.describe(report);

        assertEquals("directive script-src-elem blocked inline on /keys/list.xhtml", described);
        assertFalse(described.contains("private") || described.contains("alert"));
    }

    @Test
    void describesAReportingApiList() {
        String report = "[{\"type\":\"csp-violation\",\"body\":{\"documentURL\":\"https://keygate.example/groups/list.xhtml\","
                + "\"effectiveDirective\":\"img-src\",\"blockedURL\":\"https://203.0.113.7/pixel.gif?id=1\"}}]";

        assertEquals("directive img-src blocked /pixel.gif on /groups/list.xhtml", CspViolations.describe(report));
    }

    @Test
    void namesOnlyTheSchemeOfOtherUrlsAndCutsWhatItCannotRead() {
        assertEquals("data:", CspViolations.pathOf("data:text/html;base64,PHNjcmlwdD4="));
        assertEquals("eval", CspViolations.pathOf("eval"));
        assertEquals("/a%0Ab", CspViolations.pathOf("https://keygate.example/a%0Ab"));
        assertEquals("?", CspViolations.pathOf("line\u0007break"), "what is not a URI is not logged");
        assertEquals("unreadable report", CspViolations.describe("not json"));
        assertEquals("unreadable report", CspViolations.describe("[]"));
        assertEquals("directive ? blocked ? on ?", CspViolations.describe("{}"));
        assertEquals(203, CspViolations.pathOf("https://keygate.example/" + "x".repeat(300)).length());
    }

    @Test
    void countsEveryReportButLogsOnlyAFewPerAddress() {
        CspViolations violations = new CspViolations();
        List<String> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(CspViolations.class.getName());
        logger.addHandler(handler);
        try {
            for (int i = 0; i < CspViolations.LOGGED_PER_MINUTE + 5; i++) {
                violations.report("{}", "203.0.113.5");
            }
            violations.report("{}", "198.51.100.5");
        } finally {
            logger.removeHandler(handler);
        }

        assertEquals(CspViolations.LOGGED_PER_MINUTE + 6, violations.count());
        assertEquals(CspViolations.LOGGED_PER_MINUTE + 1, logged.size());
        assertTrue(logged.get(logged.size() - 1).contains("198.51.100.5"), "another address is still heard");
    }
}
