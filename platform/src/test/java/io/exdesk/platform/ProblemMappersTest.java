package io.exdesk.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.exdesk.platform.security.Roles;
import io.exdesk.testkit.ExDeskTestResources;
import io.exdesk.testkit.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad input and failures come back as RFC 9457 problem+json, without internals. */
@QuarkusTest
@WithTestResource(ExDeskTestResources.class)
class ProblemMappersTest {

    private static final String VALID = """
            {"subject":"登录失败 🔐","priority":"HIGH","amount":10,"customer":{"id":"c-1"}}""";

    private RequestSpecification platform() {
        return given().auth().oauth2(TestTokens.forRole(Roles.PLATFORM));
    }

    @Test
    void validInputPassesThroughUnchanged() {
        platform().contentType("application/json").body(VALID)
                .post("/api/v1/demo")
                .then().statusCode(200)
                .body("subject", equalTo("登录失败 🔐"));
    }

    @Test
    void malformedJsonIs400() {
        platform().contentType("application/json").body("{\"subject\": ")
                .post("/api/v1/demo")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://exdesk.io/problems/malformed-json"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/v1/demo"));
    }

    @Test
    void wrongTypeNamesTheField() {
        platform().contentType("application/json")
                .body("{\"subject\":\"s\",\"priority\":\"HIGH\",\"amount\":\"ten\",\"customer\":{\"id\":\"c\"}}")
                .post("/api/v1/demo")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://exdesk.io/problems/validation"))
                .body("errors[0].field", equalTo("amount"))
                .body("errors[0].message", equalTo("must be a number"));
    }

    @Test
    void unknownEnumValueListsTheAllowedOnes() {
        platform().contentType("application/json")
                .body("{\"subject\":\"s\",\"priority\":\"CRITICAL\",\"amount\":1,\"customer\":{\"id\":\"c\"}}")
                .post("/api/v1/demo")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("priority"))
                .body("errors[0].message", equalTo("must be one of URGENT, HIGH, NORMAL, LOW"));
    }

    @Test
    void constraintViolationsArePerField() {
        platform().contentType("application/json")
                .body("{\"subject\":\"" + "x".repeat(21) + "\",\"amount\":5000,\"customer\":{\"id\":\"\"}}")
                .post("/api/v1/demo")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", hasSize(4))
                .body("errors.field", hasItem("subject"))
                .body("errors.field", hasItem("priority"))
                .body("errors.field", hasItem("amount"))
                .body("errors.field", hasItem("customer.id"));
    }

    @Test
    void missingBodyIs400() {
        platform().contentType("application/json").post("/api/v1/demo")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void wrongContentTypeIs415() {
        platform().contentType("text/plain").body("hello")
                .post("/api/v1/demo")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("https://exdesk.io/problems/unsupported-media-type"));
    }

    @Test
    void oversizedBodyIs413() {
        platform().contentType("application/json").body("{\"subject\":\"" + "x".repeat(5000) + "\"}")
                .post("/api/v1/demo")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://exdesk.io/problems/payload-too-large"));
    }

    @Test
    void unknownIdIs404AndAMalformedIdIsNot500() {
        UUID id = UUID.randomUUID();
        platform().get("/api/v1/demo/" + id)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("Ticket " + id + " does not exist"));
        platform().get("/api/v1/demo/not-a-uuid")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void conflictIs409() {
        platform().get("/api/v1/demo/conflict")
                .then().statusCode(409)
                .body("type", equalTo("https://exdesk.io/problems/conflict"));
    }

    @Test
    void unexpectedFailuresLeakNothing() {
        platform().get("/api/v1/demo/crash")
                .then().statusCode(500)
                .contentType("application/problem+json")
                .body("detail", containsString("reference"))
                .body(not(containsString("db.internal")))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("at io.exdesk")));
    }

    @Test
    void noTokenIs401() {
        given().get("/api/v1/demo/conflict")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"));
        given().auth().oauth2("not-a-token").get("/api/v1/demo/conflict")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void wrongRoleIs403() {
        platform().get("/api/v1/demo/admin")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("errors", nullValue());
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).get("/api/v1/demo/admin")
                .then().statusCode(200);
    }
}
