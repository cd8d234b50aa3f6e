package io.keygate.preferences.api;

import java.util.List;
import java.util.Map;

/** A new saved filter of the signed-in admin. */
public record SaveFilter(String table, String name, FilterScope scope, Map<String, List<String>> criteria) {
}
