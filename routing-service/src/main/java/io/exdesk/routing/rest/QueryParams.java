package io.exdesk.routing.rest;

import io.exdesk.platform.problem.ProblemException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Query parameters read by hand, so a bad value is a 400 naming the parameter. */
final class QueryParams {

    private QueryParams() {
    }

    static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
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
}
