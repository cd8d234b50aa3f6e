package io.keygate.tokens.api;

/**
 * A token just created, with its value ({@code kgt_<tokenId>_<secret><checksum>}): the only time the value exists outside the
 * caller, since the server keeps a keyed hash of the secret alone.
 */
public record CreatedApiToken(ApiTokenSummary token, String apiToken) {

    /** The value is a credential: never printed. */
    @Override
    public String toString() {
        return "CreatedApiToken[token=" + token + ", apiToken=(redacted)]";
    }
}
