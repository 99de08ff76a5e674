package io.exdesk.ticket.domain.intake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The secrets found in one text. Overlapping findings merge into one replaced span (the kind found
 * first names it), so two finders that see different parts of one secret never leave a piece of it
 * between their markers.
 */
final class Spans {

    private record Span(int start, int end, SecretKind kind) {
    }

    private List<Span> spans;

    void add(int start, int end, SecretKind kind) {
        if (start >= end) {
            return;
        }
        if (spans == null) {
            spans = new ArrayList<>(4);
        }
        SecretKind name = kind;
        for (int i = spans.size() - 1; i >= 0; i--) {
            Span s = spans.get(i);
            if (start < s.end() && s.start() < end) {
                start = Math.min(start, s.start());
                end = Math.max(end, s.end());
                name = s.kind();
                spans.remove(i);
            }
        }
        spans.add(new Span(start, end, name));
    }

    /** Whether {@code [start, end)} overlaps a span already found. */
    boolean overlaps(int start, int end) {
        if (spans != null) {
            for (Span s : spans) {
                if (start < s.end() && s.start() < end) {
                    return true;
                }
            }
        }
        return false;
    }

    Redaction apply(String text) {
        if (spans == null) {
            return Redaction.unchanged(text);
        }
        spans.sort(Comparator.comparingInt(Span::start));
        StringBuilder out = new StringBuilder(text.length());
        Set<SecretKind> kinds = EnumSet.noneOf(SecretKind.class);
        int at = 0;
        for (Span s : spans) {
            out.append(text, at, s.start()).append(s.kind().marker());
            kinds.add(s.kind());
            at = s.end();
        }
        out.append(text, at, text.length());
        return new Redaction(out.toString(), true, kinds);
    }
}
