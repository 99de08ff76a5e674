package io.exdesk.platform.http;

import io.exdesk.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * An opaque keyset cursor: the sort keys of the last row of a page, with a kind that says which list
 * it belongs to. Encoded as base64url of {@code kind:key:key...}; instants travel as epoch
 * microseconds, PostgreSQL's precision, so the next page starts exactly after the last row. Anything
 * a client altered or took from another list is a 400 on {@code cursor}.
 */
public final class Cursor {

    private final List<String> keys;

    private Cursor(List<String> keys) {
        this.keys = keys;
    }

    /** Encodes keys (strings, UUIDs, numbers or instants) for the list {@code kind}. */
    public static String encode(String kind, Object... keys) {
        StringBuilder text = new StringBuilder(kind);
        for (Object key : keys) {
            text.append(':').append(key instanceof Instant at ? Long.toString(micros(at)) : key.toString());
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a cursor of the list {@code kind} with {@code count} keys; {@code null} when none was
     * sent (the first page). The last key may contain colons.
     */
    public static Cursor decode(String cursor, String kind, int count) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            String[] parts = text.split(":", count + 1);
            if (parts.length != count + 1 || !parts[0].equals(kind)) {
                throw invalid();
            }
            return new Cursor(List.of(parts).subList(1, parts.length));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public String string(int index) {
        return keys.get(index);
    }

    public UUID uuid(int index) {
        try {
            return UUID.fromString(keys.get(index));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public long number(int index) {
        try {
            return Long.parseLong(keys.get(index));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    public Instant instant(int index) {
        long micros = number(index);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    private static ProblemException invalid() {
        return ProblemException.invalid("cursor", "is not a cursor this API returned");
    }
}
