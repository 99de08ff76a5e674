package io.exdesk.ticket.domain.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.events.Category;
import io.exdesk.events.Priority;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The product's sample tickets (shared/data/sample-tickets.jsonl) through redaction and triage, as
 * intake runs them. The module keeps a copy under src/test/resources/intake so the test needs
 * nothing outside the module; when the shared file sits beside the repository and differs from the
 * copy, its samples run as well.
 */
class SampleTicketsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHARED = Path.of("..", "..", "shared", "data", "sample-tickets.jsonl");

    /** What each secret-bearing sample pasted, which must not survive redaction. */
    private static final Map<String, String> PASTED_SECRETS = Map.of(
            "sample-10", "legal winner thank year wave sausage worth useful legal winner thank yellow",
            "sample-11", "cf06a7470015899915a0a984617ef8120903546739cbb331574271b8d703d5f2",
            "sample-20", "Hunter2-Secret!",
            "sample-21", "abandon ability able about above absent absorb abstract absurd abuse access accident");

    private final SecretRedactor redactor = new SecretRedactor();
    private final Triage triage = new Triage();

    record Sample(String source, String id, String language, String subject, String body,
                  Category category, Priority priority, boolean secrets) {
        @Override
        public String toString() {
            return id + " (" + source + ")";
        }
    }

    static Stream<Sample> samples() {
        String bundled = bundledCopy();
        List<Sample> samples = new ArrayList<>(parse("bundled", bundled));
        try {
            if (Files.isRegularFile(SHARED)) {
                String shared = Files.readString(SHARED, StandardCharsets.UTF_8);
                if (!shared.equals(bundled)) {
                    samples.addAll(parse("shared", shared));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return samples.stream();
    }

    @Test
    void theBundledCopyHoldsAllTwentyTwoSamples() {
        List<Sample> bundled = parse("bundled", bundledCopy());
        assertThat(bundled).hasSize(22);
        assertThat(bundled).filteredOn(Sample::secrets).extracting(Sample::id)
                .containsExactlyInAnyOrderElementsOf(PASTED_SECRETS.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void getsTheExpectedCategoryAndPriority(Sample sample) {
        Redaction subject = redactor.redact(sample.subject());
        Redaction body = redactor.redact(sample.body());

        TriageResult result = triage.classify(subject.text(), body.text(), sample.language(),
                subject.redacted() || body.redacted());

        assertThat(result).isEqualTo(new TriageResult(sample.category(), sample.priority()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void redactsExactlyTheSamplesThatCarrySecrets(Sample sample) {
        Redaction subject = redactor.redact(sample.subject());
        Redaction body = redactor.redact(sample.body());

        if (sample.secrets()) {
            assertThat(subject.redacted() || body.redacted()).isTrue();
            assertThat(body.text()).contains("[REDACTED:");
            String secret = PASTED_SECRETS.get(sample.id());
            if (secret != null) {
                assertThat(subject.text() + "\n" + body.text()).doesNotContain(secret);
            }
        } else {
            assertThat(subject.redacted()).isFalse();
            assertThat(body.redacted()).isFalse();
            assertThat(subject.kinds()).isEmpty();
            assertThat(body.kinds()).isEmpty();
            assertThat(subject.text()).isEqualTo(sample.subject());
            assertThat(body.text()).isEqualTo(sample.body());
        }
    }

    @Test
    void redactsEachSecretSampleAsItsKind() {
        Map<String, Sample> byId = new java.util.HashMap<>();
        parse("bundled", bundledCopy()).forEach(s -> byId.put(s.id(), s));

        assertThat(redactor.redact(byId.get("sample-10").body()).text())
                .isEqualTo("客服你好，这是我的助记词 [REDACTED:SEED_PHRASE] 请帮我恢复钱包。");
        assertThat(redactor.redact(byId.get("sample-11").body()).text())
                .isEqualTo("我的私钥是 [REDACTED:PRIVATE_KEY] 导入后余额显示为零。");
        assertThat(redactor.redact(byId.get("sample-20").body()).text())
                .isEqualTo("Your support agent asked me for my password, it is password: [REDACTED:PASSWORD] is that normal?");
        assertThat(redactor.redact(byId.get("sample-21").body()).text())
                .isEqualTo("Here is my seed phrase so you can check: [REDACTED:SEED_PHRASE]");
    }

    private static String bundledCopy() {
        try (InputStream in = SampleTicketsTest.class.getResourceAsStream("/intake/sample-tickets.jsonl")) {
            assertThat(in).as("src/test/resources/intake/sample-tickets.jsonl").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Sample> parse(String source, String jsonl) {
        return jsonl.lines().filter(line -> !line.isBlank()).map(line -> {
            try {
                JsonNode n = JSON.readTree(line);
                JsonNode expect = n.get("expect");
                return new Sample(source, n.get("id").asText(), n.get("language").asText(),
                        n.get("subject").asText(), n.get("body").asText(),
                        Category.valueOf(expect.get("category").asText()),
                        Priority.valueOf(expect.get("priority").asText()),
                        expect.get("secrets").asBoolean());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
