package io.keygate.platform.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A table's filters as named text values ({@code machineGroupId=3&machineGroupId=7&enabled=true}): the
 * form they take in a URL, a REST query, and a saved filter. Reading one refuses a malformed value with
 * a 400 that names the parameter; an unknown parameter is refused too, so a typo never widens a filter.
 */
public final class FilterParameters {

    private final Map<String, List<String>> values;

    private FilterParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Only {@code known} names are accepted; paging and sorting parameters are the caller's and are skipped. */
    public static FilterParameters of(Map<String, List<String>> parameters, Set<String> known, Set<String> skipped) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        parameters.forEach((name, list) -> {
            if (skipped.contains(name)) {
                return;
            }
            if (!known.contains(name)) {
                throw new InvalidInputException("filter_unknown", name, "There is no filter named " + name + "; the filters are "
                        + String.join(", ", known.stream().sorted().toList()) + ".");
            }
            List<String> present = list == null ? List.of() : list.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
            if (present.stream().anyMatch(value -> value.indexOf('\0') >= 0)) {
                throw new InvalidInputException("filter_invalid", name, "The filter " + name + " must not contain NUL characters.");
            }
            if (!present.isEmpty()) {
                values.put(name, present);
            }
        });
        return new FilterParameters(values);
    }

    public String text(String name) {
        List<String> list = values.get(name);
        if (list == null) {
            return null;
        }
        if (list.size() > 1) {
            throw new InvalidInputException("filter_single_value", name, "The filter " + name + " takes one value.");
        }
        if (list.get(0).length() > 255) {
            throw new InvalidInputException("filter_too_long", name, "The filter " + name + " is longer than 255 characters.");
        }
        return list.get(0);
    }

    public Boolean bool(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidInputException("boolean_invalid", name, "The filter " + name + " must be true or false.");
        };
    }

    public Set<Long> ids(String name) {
        return set(name, value -> {
            try {
                long id = Long.parseLong(value);
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException notANumber) {
                // refused below, with the parameter's name
            }
            throw new InvalidInputException("id_invalid", name, "The filter " + name + " takes ids (positive whole numbers), not '"
                    + shortened(value) + "'.");
        });
    }

    public Set<String> texts(String name) {
        return set(name, value -> {
            if (value.length() > 255) {
                throw new InvalidInputException("filter_too_long", name, "A value of the filter " + name + " is longer than 255 characters.");
            }
            return value;
        });
    }

    public <E extends Enum<E>> Set<E> choices(String name, Class<E> type) {
        return set(name, value -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            throw new InvalidInputException("choice_invalid", name, "The filter " + name + " takes "
                    + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase()).toList())
                    + ", not '" + shortened(value) + "'.");
        });
    }

    /** An instant ({@code 2030-01-31T12:00:00Z}) or a date ({@code 2030-01-31}, meaning its start in UTC). */
    public Instant instant(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("instant_invalid", name, "The filter " + name
                    + " takes a date (2030-01-31) or a UTC time (2030-01-31T12:00:00Z), not '" + shortened(value) + "'.");
        }
    }

    private <T> Set<T> set(String name, Function<String, T> parse) {
        List<String> list = values.getOrDefault(name, List.of());
        if (list.size() > 100) {
            throw new InvalidInputException("filter_too_many_values", name, "The filter " + name + " takes at most 100 values.");
        }
        Set<T> parsed = new LinkedHashSet<>();
        for (String value : list) {
            parsed.add(parse.apply(value));
        }
        return Set.copyOf(parsed);
    }

    private static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    /** Builds the named-values form of a filter, leaving out what does not filter. */
    public static final class Writer {

        private final Map<String, List<String>> values = new LinkedHashMap<>();

        public Writer add(String name, Object value) {
            if (value != null && !(value instanceof String text && text.isBlank())) {
                values.put(name, List.of(value instanceof Enum<?> e ? e.name().toLowerCase() : value.toString()));
            }
            return this;
        }

        public Writer addAll(String name, Set<?> set) {
            if (set != null && !set.isEmpty()) {
                List<String> list = new ArrayList<>();
                set.stream().map(v -> v instanceof Enum<?> e ? e.name().toLowerCase() : v.toString()).sorted().forEach(list::add);
                values.put(name, List.copyOf(list));
            }
            return this;
        }

        public Map<String, List<String>> build() {
            return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }
}
