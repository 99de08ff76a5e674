package io.exdesk.platform.http;

import static io.restassured.RestAssured.given;

import io.exdesk.testkit.ExDeskTestResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code exdesk.http.api-docs=false}, the production default (set here explicitly: tests run in the test
 * profile, which turns it on): no OpenAPI document, no Swagger UI, while health and metrics still answer
 * without a token. notification-service's packaged-jar test checks the default itself.
 */
@QuarkusTest
@TestProfile(ApiDocsOffTest.ApiDocsOff.class)
@WithTestResource(ExDeskTestResources.class)
class ApiDocsOffTest {

    public static class ApiDocsOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("exdesk.http.api-docs", "false");
        }
    }

    @Test
    void theOpenApiDocumentAndSwaggerUiAreGoneWhileHealthAndMetricsStay() {
        given().get("/q/openapi").then().statusCode(404);
        given().get("/q/swagger-ui/").then().statusCode(404);
        given().get("/q/swagger-ui").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/api/v1/demo/admin").then().statusCode(401);
    }
}
