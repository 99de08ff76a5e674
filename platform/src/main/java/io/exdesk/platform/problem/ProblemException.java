package io.exdesk.platform.problem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A request the service refuses for a reason the client can act on. Throw it (or a factory result)
 * from anywhere below a resource; the mapper turns it into problem+json.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, String> headers;

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        this(status, slug, title, detail, errors, Map.of());
    }

    private ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors,
                             Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Not found", what + " " + id + " does not exist");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail);
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "precondition-failed", "Precondition failed", detail);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(422, "unprocessable", "Unprocessable request", detail);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "validation", "Invalid request", "The request has invalid fields",
                List.of(new Problem.FieldError(field, message)));
    }

    /** 429 with the whole seconds after which a retry will be accepted. */
    public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
        return new ProblemException(429, "too-many-requests", "Too many requests", detail, List.of(),
                retryAfter(retryAfter));
    }

    /** 503 with the whole seconds after which a retry is likely to be accepted: the service is overloaded. */
    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(503, "unavailable", "Service unavailable", detail, List.of(),
                retryAfter(retryAfter));
    }

    private static Map<String, String> retryAfter(Duration after) {
        return Map.of("Retry-After", Long.toString(Math.max(1, (after.toMillis() + 999) / 1000)));
    }

    public int status() {
        return status;
    }

    /** Response headers that belong to the problem, such as Retry-After. */
    public Map<String, String> headers() {
        return headers;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.type(slug), title, status, getMessage(), instance, errors);
    }
}
