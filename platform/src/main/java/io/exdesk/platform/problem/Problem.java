package io.exdesk.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}.
 *
 * @param type a stable URI naming the kind of problem, documented in docs/api.md
 * @param errors per-field errors of a validation problem, otherwise absent
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://exdesk.io/problems/";

    /** One invalid input field: its JSON path (e.g. {@code customer.tier}) and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public static String type(String slug) {
        return TYPE_BASE + slug;
    }
}
