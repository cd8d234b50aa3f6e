package io.keygate.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LikePatternsTest {

    @Test
    void escapesWildcardsSoTheyMatchLiterally() {
        assertEquals("%linux\\_servers\\%%", LikePatterns.containing("Linux_Servers%"));
        assertEquals("%a\\\\b%", LikePatterns.containing("a\\b"));
        assertEquals("%plain%", LikePatterns.containing("plain"));
    }
}
