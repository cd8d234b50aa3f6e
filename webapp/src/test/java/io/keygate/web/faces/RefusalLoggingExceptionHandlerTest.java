package io.keygate.web.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.faces.application.ViewExpiredException;
import org.junit.jupiter.api.Test;
import org.primefaces.csp.CspException;

class RefusalLoggingExceptionHandlerTest {

    @Test
    void onlyTheClientsOwnDoingsAreRefusals() {
        assertTrue(RefusalLoggingExceptionHandler.refusal(new CspException("CSP nonce mismatch")).contains("CSP nonce"));
        assertTrue(RefusalLoggingExceptionHandler.refusal(new ViewExpiredException("gone", "/keys/list.xhtml")).contains("expired"));
        assertNull(RefusalLoggingExceptionHandler.refusal(new IllegalStateException("a bug")), "a fault keeps PrimeFaces' full log");
        assertNull(RefusalLoggingExceptionHandler.refusal(new NullPointerException()));
    }

    @Test
    void aPathCannotForgeLogLines() {
        assertEquals("/login.xhtml?x=1", RefusalLoggingExceptionHandler.printable("/login.xhtml?x=1"));
        assertEquals("/a??SEVERE?forged", RefusalLoggingExceptionHandler.printable("/a\r\nSEVERE forged"));
        assertEquals(203, RefusalLoggingExceptionHandler.printable("/" + "x".repeat(500)).length());
        assertEquals("?", RefusalLoggingExceptionHandler.printable(null));
    }
}
