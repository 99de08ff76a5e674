package io.exdesk.ticket;

import static io.exdesk.ticket.TicketApi.platform;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exdesk.testkit.ExDeskTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every realistic sample ticket, opened through the API without category or priority: auto-triage
 * gives the expected ones, secrets are redacted and flagged, and everything else is stored as sent.
 */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class TicketIntakeSamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<JsonNode> samples() throws IOException {
        List<JsonNode> samples = new ArrayList<>();
        try (InputStream in = TicketIntakeSamplesTest.class.getResourceAsStream("/intake/sample-tickets.jsonl");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    samples.add(JSON.readTree(line));
                }
            }
        }
        return samples.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleIsTriagedAndRedactedAsExpected(JsonNode sample) {
        ObjectNode request = JSON.createObjectNode();
        request.putObject("customer").put("id", "sample-customer").put("tier", sample.get("tier").asText())
                .put("language", sample.get("language").asText());
        request.put("channel", sample.get("channel").asText())
                .put("subject", sample.get("subject").asText())
                .put("description", sample.get("body").asText());
        JsonNode expect = sample.get("expect");

        ExtractableResponse<Response> created = platform().body(request.toString()).post("/api/v1/tickets")
                .then().statusCode(201).extract();

        assertThat((String) created.path("category")).isEqualTo(expect.get("category").asText());
        assertThat((String) created.path("priority")).isEqualTo(expect.get("priority").asText());
        assertThat((Boolean) created.path("triage.category")).isTrue();
        assertThat((Boolean) created.path("secretsRedacted")).isEqualTo(expect.get("secrets").asBoolean());
        String stored = created.path("description");
        if (expect.get("secrets").asBoolean()) {
            assertThat(stored).isNotEqualTo(sample.get("body").asText()).contains("[REDACTED");
        } else {
            assertThat(stored).isEqualTo(sample.get("body").asText());
            assertThat((String) created.path("subject")).isEqualTo(sample.get("subject").asText());
        }
    }
}
