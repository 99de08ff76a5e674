package io.exdesk.routing.rest;

import io.exdesk.platform.problem.ProblemException;
import io.exdesk.routing.service.AgentService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Opaque page cursors (base64url): the agent list's last id, the inbox's last (assignedAt, ticketId). */
final class Cursors {

    private Cursors() {
    }

    static String encodeAgent(String id) {
        return encode("a:" + id);
    }

    static String decodeAgent(String cursor) {
        String text = decode(cursor);
        if (text == null) {
            return null;
        }
        if (!text.startsWith("a:")) {
            throw invalid();
        }
        return text.substring(2);
    }

    static String encodeInbox(Instant assignedAt, UUID ticketId) {
        long micros = assignedAt.getEpochSecond() * 1_000_000L + assignedAt.getNano() / 1_000;
        return encode("i:" + micros + ":" + ticketId);
    }

    static AgentService.InboxCursor decodeInbox(String cursor) {
        String text = decode(cursor);
        if (text == null) {
            return null;
        }
        try {
            String[] parts = text.split(":", 3);
            if (!parts[0].equals("i")) {
                throw invalid();
            }
            long micros = Long.parseLong(parts[1]);
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
            return new AgentService.InboxCursor(at, UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        return ProblemException.invalid("cursor", "is not a cursor this API returned");
    }
}
