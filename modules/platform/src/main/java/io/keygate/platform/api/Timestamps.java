package io.keygate.platform.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Time as stored: UTC, to the microsecond PostgreSQL keeps, so a value returned right after saving
 * equals the one read back later. Entities hold {@link OffsetDateTime} (EclipseLink 4 maps it to
 * timestamptz; it would store an {@link Instant} as bytes); the modules' records expose {@link Instant}.
 */
public final class Timestamps {

    private Timestamps() {
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** An instant from a request, as it will be stored; null stays null. */
    public static OffsetDateTime of(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    public static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
