package io.exdesk.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exdesk.platform.problem.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The shared HTTP rules (If-Match, keyset pages, cursors) as pure functions. */
class HttpConventionsTest {

    @Test
    void ifMatchFollowsRfc9110() {
        assertThat(IfMatch.matches("*", "\"3\"")).isTrue();
        assertThat(IfMatch.matches("\"3\"", "\"3\"")).isTrue();
        assertThat(IfMatch.matches("\"1\", \"3\"", "\"3\"")).isTrue();
        assertThat(IfMatch.matches("3", "\"3\"")).as("an unquoted tag is read as quoted").isTrue();
        assertThat(IfMatch.matches("W/\"3\"", "\"3\"")).as("weak tags never match strongly").isFalse();
        assertThat(IfMatch.matches("\"2\"", "\"3\"")).isFalse();
        assertThat(IfMatch.matches("\"33\"", "\"3\"")).isFalse();
        IfMatch.require(null, "\"3\"", "Agent a-1");
        assertThatThrownBy(() -> IfMatch.require("\"2\"", "\"3\"", "Agent a-1"))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(412))
                .hasMessageContaining("Agent a-1 is at ETag \"3\", not \"2\"");
    }

    @Test
    void aPageCutsTheExtraRowAndPointsAfterTheLastShown() {
        Page<String> more = Page.of(List.of(1, 2, 3), 2, Object::toString, n -> "#" + n);
        assertThat(more.items()).containsExactly("#1", "#2");
        assertThat(more.nextCursor()).isEqualTo("2");
        Page<String> last = Page.of(List.of(1, 2), 2, Object::toString, n -> "#" + n);
        assertThat(last.items()).containsExactly("#1", "#2");
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    void aCursorRoundTripsItsKeysAtMicrosecondPrecision() {
        Instant at = Instant.parse("2026-12-01T10:15:30.123456789Z");
        UUID id = UUID.randomUUID();
        Cursor cursor = Cursor.decode(Cursor.encode("inbox", at, id), "inbox", 2);
        assertThat(cursor.instant(0)).isEqualTo(Instant.parse("2026-12-01T10:15:30.123456Z"));
        assertThat(cursor.uuid(1)).isEqualTo(id);
        assertThat(Cursor.decode(Cursor.encode("agents", "agent:with:colons"), "agents", 1).string(0))
                .isEqualTo("agent:with:colons");
        assertThat(Cursor.decode(null, "inbox", 2)).isNull();
        assertThat(Cursor.decode(" ", "inbox", 2)).isNull();
    }

    @Test
    void aCursorFromAnotherListOrAlteredIsABadRequest() {
        String agents = Cursor.encode("agents", "a-1");
        for (String bad : List.of(agents, "%%%", "bm90LWEtY3Vyc29y")) {
            assertThatThrownBy(() -> Cursor.decode(bad, "inbox", 2).instant(0))
                    .isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(400));
        }
        assertThatThrownBy(() -> Cursor.decode(Cursor.encode("inbox", "x", "y"), "inbox", 2).uuid(1))
                .isInstanceOf(ProblemException.class);
    }
}
