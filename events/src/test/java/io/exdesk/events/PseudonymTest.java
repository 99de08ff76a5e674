package io.exdesk.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The erased customer's pseudonym is keyed, and the erasure's events are the ones ticket-service publishes. */
class PseudonymTest {

    private static final byte[] KEY = "a-deployment-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "another-deployments-secret-32-bytes-long".getBytes(StandardCharsets.UTF_8);

    @Test
    void thePseudonymIsStableUnderOneKeyAndDiffersUnderAnother() {
        String pseudonym = TicketErased.pseudonymOf("u-88213407", KEY);

        assertThat(pseudonym).matches("erased-[0-9a-f]{32}").isEqualTo(TicketErased.pseudonymOf("u-88213407", KEY));
        assertThat(TicketErased.pseudonymOf("u-88213408", KEY)).isNotEqualTo(pseudonym);
        assertThat(TicketErased.pseudonymOf("u-88213407", OTHER_KEY)).isNotEqualTo(pseudonym);
    }

    @Test
    void withoutTheKeyAGuessedIdCannotBeConfirmedByAPlainHash() throws Exception {
        String id = "u-88213407";
        String unkeyed = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)), 0, 16);

        assertThat(TicketErased.pseudonymOf(id, KEY)).doesNotContain(unkeyed).doesNotContain(id);
    }

    @Test
    void aShortOrMissingKeyIsRefused() {
        assertThatThrownBy(() -> TicketErased.pseudonymOf("u-1", "short".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> TicketErased.pseudonymOf("u-1", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anErasureAnnouncesEachTicketThenTheCustomer() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID erasure = UUID.randomUUID();
        Instant at = Instant.parse("2026-04-01T10:00:00Z");
        Map<UUID, Long> versions = new LinkedHashMap<>();
        versions.put(first, 4L);
        versions.put(second, 2L);

        List<ExDeskEvent> events = CustomerErased.announce("erased-x", erasure, versions, at);

        assertThat(events).containsExactly(
                new TicketErased(first, 4, at, "erased-x", erasure),
                new TicketErased(second, 2, at, "erased-x", erasure),
                new CustomerErased("erased-x", erasure, List.of(first, second), at));
        assertThat(CustomerErased.announce("erased-x", erasure, Map.of(), at))
                .containsExactly(new CustomerErased("erased-x", erasure, List.of(), at));
    }
}
