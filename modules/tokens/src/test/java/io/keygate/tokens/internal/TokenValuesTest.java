package io.keygate.tokens.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.platform.api.Base62;
import org.junit.jupiter.api.Test;

class TokenValuesTest {

    @Test
    void aNewTokenIsSeventyCharactersThatParseBackToItsParts() {
        String tokenId = TokenValues.newTokenId();
        String secret = TokenValues.newSecret();
        String value = TokenValues.value(tokenId, secret);

        assertEquals(70, value.length());
        assertTrue(value.startsWith("kgt_" + tokenId + "_" + secret), value);
        TokenValues.Parsed parsed = TokenValues.parse(" " + value + "\n");
        assertNotNull(parsed, "whitespace around a pasted token is ignored");
        assertEquals(tokenId, parsed.tokenId());
        assertEquals(secret, parsed.secret());
        assertFalse(parsed.toString().contains(secret), "a parsed token never prints its secret");
        assertNotEquals(TokenValues.newSecret(), TokenValues.newSecret());
    }

    @Test
    void everySingleCharacterChangeIsCaughtByTheChecksum() {
        String value = TokenValues.value(TokenValues.newTokenId(), TokenValues.newSecret());
        for (int position = 4; position < value.length(); position++) {
            if (value.charAt(position) == '_') {
                continue;
            }
            char other = Base62.ALPHABET.charAt((Base62.ALPHABET.indexOf(value.charAt(position)) + 1) % Base62.BASE);
            String changed = value.substring(0, position) + other + value.substring(position + 1);
            assertNull(TokenValues.parse(changed), "changed at " + position);
        }
    }

    @Test
    void refusesWhatIsNotAWholeToken() {
        String value = TokenValues.value(TokenValues.newTokenId(), TokenValues.newSecret());

        assertNull(TokenValues.parse(null));
        assertNull(TokenValues.parse(value.substring(0, 69)));
        assertNull(TokenValues.parse(value + "0"));
        assertNull(TokenValues.parse("mpk_" + value.substring(4)), "a provisioning key is no API token");
        assertNull(TokenValues.parse(value.replace('_', '-')));
    }
}
