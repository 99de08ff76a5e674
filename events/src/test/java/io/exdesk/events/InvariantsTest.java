package io.exdesk.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simple invariants the compact constructors enforce beyond non-null. */
class InvariantsTest {

    private static final UUID ID = Samples.TICKET_ID;
    private static final Instant NOW = Samples.CREATED_AT;

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void ticketVersionStartsAtOne(long version) {
        assertThatThrownBy(() -> new CustomerReplied(ID, version, NOW, "EXD-1", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> new SlaScheduled(ID, version, NOW, SlaClock.RESOLUTION, NOW, false, Priority.LOW,
                CustomerTier.STANDARD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ticketVersion");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, -1})
    void csatRatingIsOneToFive(int rating) {
        assertThatThrownBy(() -> csat(rating)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rating");
        assertThat(csat(1).rating()).isEqualTo(1);
        assertThat(csat(5).rating()).isEqualTo(5);
    }

    private static CsatSubmitted csat(int rating) {
        return new CsatSubmitted(ID, 3, NOW, "EXD-1", rating, false, false, Category.GENERAL, Priority.LOW,
                CustomerTier.STANDARD, null, null);
    }

    @Test
    void warningLevelStartsAtOne() {
        assertThatThrownBy(() -> warning(0, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("level");
        assertThat(warning(1, 0.5).level()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, -0.5, 1.5, Double.NaN})
    void warningFractionIsStrictlyBetweenZeroAndOne(double fraction) {
        assertThatThrownBy(() -> warning(1, fraction)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fraction");
    }

    @Test
    void slaMetElapsedIsNotNegative() {
        assertThatThrownBy(() -> new SlaMet(ID, NOW, SlaClock.RESOLUTION, NOW, NOW, -1, Priority.LOW,
                CustomerTier.STANDARD)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void policyTargetsArePositiveAndVersionStartsAtOne() {
        assertThatThrownBy(() -> policy(1, 0, 3600, List.of())).hasMessageContaining("firstResponseSeconds");
        assertThatThrownBy(() -> policy(1, 300, 0, List.of())).hasMessageContaining("resolutionSeconds");
        assertThatThrownBy(() -> policy(0, 300, 3600, List.of())).hasMessageContaining("policyVersion");
    }

    @Test
    void policyWarningFractionsAreIncreasingFractions() {
        assertThat(policy(1, 300, 3600, List.of()).warningFractions()).isEmpty();
        assertThatThrownBy(() -> policy(1, 300, 3600, List.of(0.75, 0.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("increasing");
        assertThatThrownBy(() -> policy(1, 300, 3600, List.of(0.5, 0.5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy(1, 300, 3600, List.of(0.5, 1.0)))
                .isInstanceOf(IllegalArgumentException.class);
        List<Double> withNull = new ArrayList<>(List.of(0.5));
        withNull.add(null);
        assertThatThrownBy(() -> policy(1, 300, 3600, withNull)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void policyFractionsAreACopy() {
        List<Double> fractions = new ArrayList<>(List.of(0.5, 0.9));
        SlaPolicyUpdated policy = policy(1, 300, 3600, fractions);
        fractions.add(0.95);

        assertThat(policy.warningFractions()).containsExactly(0.5, 0.9);
        assertThatThrownBy(() -> policy.warningFractions().add(0.99)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anAgentProfileNamesALanguageAndKeepsACopyOfThem() {
        List<String> languages = new ArrayList<>(List.of("en"));
        AgentProfileUpdated profile = new AgentProfileUpdated("a-1", 1, "A", AgentTier.L1, null, languages, null, null,
                null, NOW);
        languages.add(0, "zh-CN");

        assertThat(profile.preferredLanguage()).isEqualTo("en");
        assertThatThrownBy(() -> new AgentProfileUpdated("a-1", 1, "A", AgentTier.L1, null, List.of(), null, null,
                null, NOW)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("languages");
        assertThatThrownBy(() -> new AgentRemoved("a-1", 0, NOW)).hasMessageContaining("profileVersion");
    }

    private static SlaWarning warning(int level, double fraction) {
        return new SlaWarning(ID, NOW, SlaClock.FIRST_RESPONSE, level, fraction, NOW, 60, Priority.HIGH,
                CustomerTier.STANDARD, null, "EXD-1", Category.GENERAL);
    }

    private static SlaPolicyUpdated policy(int version, long firstResponse, long resolution, List<Double> fractions) {
        return new SlaPolicyUpdated(Priority.NORMAL, CustomerTier.STANDARD, version, firstResponse, resolution,
                fractions, "24x7", NOW);
    }
}
