package io.keygate.web.faces;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the portal writes instants: UTC, to the minute (the audit log to the second), the same for every admin. */
public final class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String format(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }

    /** To the second, where the order of events matters (the audit log). */
    public static String formatSeconds(Instant instant) {
        return instant == null ? "" : SECONDS.format(instant);
    }
}
