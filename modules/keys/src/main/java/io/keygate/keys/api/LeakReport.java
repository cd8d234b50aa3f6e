package io.keygate.keys.api;

import java.util.List;

/**
 * What a leak report did (S6): the keys it found in the text that belong to the caller's organisation and whose
 * secret matched, disabled now or already disabled before; and how many key-shaped tokens with a valid checksum
 * matched none of the organisation's keys (another organisation's, a deleted key's, or a forged one).
 *
 * @param found every distinct token with a valid checksum in the text
 */
public record LeakReport(int found, List<ProvisioningKeySummary> disabled, List<ProvisioningKeySummary> alreadyDisabled, int unmatched) {

    public LeakReport {
        disabled = List.copyOf(disabled);
        alreadyDisabled = List.copyOf(alreadyDisabled);
    }
}
