package io.exdesk.platform.problem;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Query parameters read by hand, so a bad value is a 400 naming the parameter (JAX-RS would
 * answer a failed conversion with a bare 404).
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** The enum constant named by {@code value}, null when absent; a 400 listing the allowed ones otherwise. */
    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /** The ISO-8601 instant in {@code value}, null when absent; a 400 naming the parameter otherwise. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an ISO-8601 instant such as 2026-11-25T10:00:00Z");
        }
    }
}
