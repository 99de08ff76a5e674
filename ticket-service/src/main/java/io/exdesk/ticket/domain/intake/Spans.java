package io.exdesk.ticket.domain.intake;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The secrets found in one text. Overlapping findings merge into one replaced span (the kind found
 * first names it), so two finders that see different parts of one secret never leave a piece of it
 * between their markers. Spans are kept by start, so adding one costs a logarithm, not a scan.
 */
final class Spans {

    private record Span(int end, SecretKind kind) {
    }

    private TreeMap<Integer, Span> spans;

    void add(int start, int end, SecretKind kind) {
        if (start >= end) {
            return;
        }
        if (spans == null) {
            spans = new TreeMap<>();
        }
        SecretKind name = kind;
        Map.Entry<Integer, Span> overlapping = spans.lowerEntry(end);
        while (overlapping != null && overlapping.getValue().end() > start) {
            start = Math.min(start, overlapping.getKey());
            end = Math.max(end, overlapping.getValue().end());
            name = overlapping.getValue().kind();
            spans.remove(overlapping.getKey());
            overlapping = spans.lowerEntry(end);
        }
        spans.put(start, new Span(end, name));
    }

    /** Whether {@code [start, end)} overlaps a span already found. */
    boolean overlaps(int start, int end) {
        if (spans == null) {
            return false;
        }
        Map.Entry<Integer, Span> before = spans.lowerEntry(end);
        return before != null && before.getValue().end() > start;
    }

    /** Whether {@code [start, end)} lies inside a span already found. */
    boolean covers(int start, int end) {
        if (spans == null) {
            return false;
        }
        Map.Entry<Integer, Span> before = spans.floorEntry(start);
        return before != null && before.getValue().end() >= end;
    }

    Redaction apply(String text) {
        if (spans == null) {
            return Redaction.unchanged(text);
        }
        StringBuilder out = new StringBuilder(text.length());
        Set<SecretKind> kinds = EnumSet.noneOf(SecretKind.class);
        int at = 0;
        for (Map.Entry<Integer, Span> s : spans.entrySet()) {
            out.append(text, at, s.getKey()).append(s.getValue().kind().marker());
            kinds.add(s.getValue().kind());
            at = s.getValue().end();
        }
        out.append(text, at, text.length());
        return new Redaction(out.toString(), true, kinds);
    }
}
