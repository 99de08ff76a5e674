package io.exdesk.ticket.domain.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile input cannot make intake quadratic or backtrack without end (a request could otherwise
 * pin a core). The time bound is deliberately loose: it catches orders of magnitude, not percent.
 * Throughput itself is measured by the benchmark (benchmarks/ticket-creation.sh), not here.
 */
class IntakeAdversarialInputTest {

    private final SecretRedactor redactor = new SecretRedactor();
    private final Triage triage = new Triage();

    @Test
    void adversarialInputStaysLinear() {
        List<String> inputs = List.of(
                "a".repeat(200_000),
                "0123456789abcdef".repeat(12_500),
                "xprv" + "K".repeat(200_000),
                "5" + "H".repeat(200_000),
                "password: ".repeat(20_000),
                "2fa code is code is ".repeat(10_000) + "12345",
                "验证码 是 ".repeat(20_000),
                "TxID: ".repeat(20_000) + "f".repeat(64),
                "abandon ".repeat(25_000) + "the",
                "的 ".repeat(100_000),
                "1. 2. 3. ".repeat(20_000),
                ("f".repeat(64) + ", ").repeat(3_000));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (String input : inputs) {
                Redaction r = redactor.redact(input);
                triage.classify(input, r.text(), "en", r.redacted());
            }
        });
        assertThat(redactor.redact("abandon ".repeat(25_000)).text()).isEqualTo("[REDACTED:SEED_PHRASE] ");
    }
}
