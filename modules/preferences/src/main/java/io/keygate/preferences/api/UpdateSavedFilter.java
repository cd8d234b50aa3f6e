package io.keygate.preferences.api;

import java.util.List;
import java.util.Map;

/** New name and criteria of a saved filter, with the version read (a stale one is refused). */
public record UpdateSavedFilter(String name, Map<String, List<String>> criteria, Long version) {
}
