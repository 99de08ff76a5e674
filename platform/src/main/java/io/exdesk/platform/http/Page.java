package io.exdesk.platform.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paged list; pass {@code nextCursor} as {@code cursor} for the next page
 * (absent on the last).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * The page of a list that was fetched with {@code limit + 1} rows: the extra row only tells that
     * more follow, and the cursor points after the last row shown.
     *
     * @param fetched  at most {@code limit + 1} rows in the list's stable order
     * @param cursorOf the cursor that continues after a row
     * @param view     what a client sees of a row
     */
    public static <R, T> Page<T> of(List<R> fetched, int limit, Function<R, String> cursorOf, Function<R, T> view) {
        boolean more = fetched.size() > limit;
        List<R> shown = more ? fetched.subList(0, limit) : fetched;
        return new Page<>(shown.stream().map(view).toList(), more ? cursorOf.apply(shown.get(limit - 1)) : null);
    }
}
