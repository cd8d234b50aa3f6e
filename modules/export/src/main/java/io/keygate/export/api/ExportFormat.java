package io.keygate.export.api;

import io.keygate.platform.api.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The file formats every table exports to (X1). */
public enum ExportFormat {

    CSV("csv", "text/csv; charset=UTF-8"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    JSON("json", "application/json");

    private final String extension;
    private final String mediaType;

    ExportFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** {@code csv}, {@code xlsx} or {@code json}, in any case; anything else is refused naming the choices. */
    public static ExportFormat parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("format_missing", "format", "Choose a format: " + choices() + ".");
        }
        for (ExportFormat format : values()) {
            if (format.extension.equalsIgnoreCase(text.strip())) {
                return format;
            }
        }
        throw new InvalidInputException("format_invalid", "format", "Unknown format '" + shortened(text) + "'. Choose one of " + choices() + ".");
    }

    private static String choices() {
        return Arrays.stream(values()).map(format -> format.extension).collect(Collectors.joining(", "));
    }

    private static String shortened(String text) {
        String single = text.strip().replaceAll("\\p{Cntrl}", "?");
        return single.length() > 20 ? single.substring(0, 20) + "…" : single.toLowerCase(Locale.ROOT);
    }
}
