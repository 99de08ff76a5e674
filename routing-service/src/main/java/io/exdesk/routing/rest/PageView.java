package io.exdesk.routing.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One page of a list; pass {@code nextCursor} as {@code cursor} for the next page (absent on the last). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PageView<T>(List<T> items, String nextCursor) {
}
