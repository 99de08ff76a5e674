package io.exdesk.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.platform.config.PlatformConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Refuses bodies over {@code exdesk.http.max-body-size} with 413 problem+json before reading them.
 * Vert.x's own hard limit ({@code quarkus.http.limits.max-body-size}, set higher) still stops
 * streamed bodies that announce no length.
 */
@Singleton
public class BodySizeLimit {

    void install(@Observes Router router, PlatformConfig config, ObjectMapper mapper) throws JsonProcessingException {
        long limit = config.http().maxBodySize().asLongValue();
        String body = mapper.writeValueAsString(new Problem(Problem.type("payload-too-large"), "Payload too large",
                413, "The body is larger than the limit of " + limit + " bytes", null, List.of()));
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && parse(length) > limit) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
            } else {
                ctx.next();
            }
        });
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
