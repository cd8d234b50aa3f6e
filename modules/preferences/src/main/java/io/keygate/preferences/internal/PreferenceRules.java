package io.keygate.preferences.internal;

import io.keygate.platform.api.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What a saved filter or a layout may hold; each refusal names its field. */
final class PreferenceRules {

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_CRITERIA_LENGTH = 8192;
    static final int MAX_COLUMNS = 64;
    static final int MIN_WIDTH = 40;
    static final int MAX_WIDTH = 2000;
    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

    private PreferenceRules() {
    }

    static String table(String table) {
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new InvalidInputException("table_invalid", "table",
                    "The table must be named by 1-64 lower-case letters, digits and dashes, starting with a letter.");
        }
        return table;
    }

    /** Any text, trimmed: it is always shown as text. */
    static String name(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("name_invalid", "name", "The name of a saved filter needs 1 to " + MAX_NAME_LENGTH + " characters.");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("name_invalid", "name", "The name of a saved filter must not contain control characters.");
        }
        return trimmed;
    }

    /** The criteria as stored (JSON text); a value is at most 255 characters, a filter has at most 100 values. */
    static String criteria(Map<String, List<String>> criteria) {
        if (criteria == null) {
            throw new InvalidInputException("criteria_required", "criteria", "The criteria are required (an empty object for none).");
        }
        for (Map.Entry<String, List<String>> entry : criteria.entrySet()) {
            if (entry.getKey() == null || !KEY.matcher(entry.getKey()).matches()) {
                throw new InvalidInputException("criteria_invalid", "criteria", "A filter name must be 1-64 letters and digits, starting with a letter.");
            }
            List<String> values = entry.getValue();
            if (values == null || values.size() > 100 || values.stream().anyMatch(v -> v == null || v.length() > 255 || v.indexOf('\0') >= 0)) {
                throw new InvalidInputException("criteria_invalid", "criteria", "The filter " + entry.getKey()
                        + " needs a list of at most 100 values of at most 255 characters, without NUL.");
            }
        }
        String json = CriteriaJson.write(criteria);
        if (json.length() > MAX_CRITERIA_LENGTH) {
            throw new InvalidInputException("criteria_too_large", "criteria", "The criteria take more than " + MAX_CRITERIA_LENGTH + " characters.");
        }
        return json;
    }

    static List<String> columns(List<String> columns) {
        if (columns == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        if (columns.size() > MAX_COLUMNS) {
            throw new InvalidInputException("columns_invalid", "visibleColumns", "A table has at most " + MAX_COLUMNS + " columns.");
        }
        for (String column : columns) {
            if (column == null || !KEY.matcher(column).matches() || !seen.add(column)) {
                throw new InvalidInputException("columns_invalid", "visibleColumns",
                        "Columns are named by 1-64 letters and digits, each once; '" + column + "' is not.");
            }
        }
        return List.copyOf(columns);
    }

    static Map<String, Integer> widths(Map<String, Integer> widths) {
        if (widths == null) {
            return Map.of();
        }
        if (widths.size() > MAX_COLUMNS) {
            throw new InvalidInputException("widths_invalid", "widths", "A table has at most " + MAX_COLUMNS + " columns.");
        }
        widths.forEach((column, width) -> {
            if (column == null || !KEY.matcher(column).matches() || width == null || width < MIN_WIDTH || width > MAX_WIDTH) {
                throw new InvalidInputException("widths_invalid", "widths", "A column width is " + MIN_WIDTH + " to " + MAX_WIDTH
                        + " pixels, for a column named by letters and digits.");
            }
        });
        return Map.copyOf(widths);
    }
}
