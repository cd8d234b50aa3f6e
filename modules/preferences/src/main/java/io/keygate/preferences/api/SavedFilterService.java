package io.keygate.preferences.api;

import java.time.Duration;
import java.util.List;

/**
 * The signed-in admin's saved filters (T4, T9). Nobody else's exist here: another admin's id is not found.
 * {@code sessionKey} names the browser session for {@link FilterScope#SESSION} filters; null (the API,
 * which has no session) sees and saves {@link FilterScope#PREFERENCES} filters only.
 */
public interface SavedFilterService {

    /** At most this many saved filters per admin and table. */
    int MAX_PER_TABLE = 50;

    /** The admin's kept filters of the table, and those of this session. */
    List<SavedFilter> list(String table, String sessionKey);

    SavedFilter get(long id, String sessionKey);

    SavedFilter create(SaveFilter request, String sessionKey);

    SavedFilter update(long id, UpdateSavedFilter request, String sessionKey);

    void delete(long id, String sessionKey);

    /** The session ended (sign-out, timeout): its filters go. Needs no signed-in admin. */
    void endSession(String sessionKey);

    /** Removes session filters older than {@code age}, of sessions that ended without telling; returns how many. */
    int sweepSessionFilters(Duration age);
}
