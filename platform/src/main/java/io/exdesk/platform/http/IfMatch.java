package io.exdesk.platform.http;

import io.exdesk.platform.problem.ProblemException;

/**
 * The one {@code If-Match} rule of every update (RFC 9110 §13.1.1). The header is optional: without
 * it an update applies to whatever version is current (last writer wins), as documented in
 * {@code docs/api.md}. With it, the update applies only if the header is {@code *} (the resource
 * exists, which it does by the time this is asked) or lists the current entity tag, compared
 * strongly: a weak tag ({@code W/"3"}) never matches. An unquoted tag is read as if quoted, since
 * clients often strip the quotes. Otherwise the answer is 412 and nothing changes.
 */
public final class IfMatch {

    private IfMatch() {
    }

    /**
     * @param header  the request's {@code If-Match}, or {@code null}
     * @param etag    the resource's current strong entity tag, quoted (e.g. {@code "7"})
     * @param what    names the resource in the 412's detail, e.g. {@code "Ticket EXD-100001"}
     */
    public static void require(String header, String etag, String what) {
        if (header == null || matches(header, etag)) {
            return;
        }
        throw ProblemException.preconditionFailed(what + " is at ETag " + etag + ", not " + header.trim()
                + "; reload it and retry");
    }

    static boolean matches(String header, String etag) {
        String trimmed = header.trim();
        if (trimmed.equals("*")) {
            return true;
        }
        for (String candidate : trimmed.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                continue;
            }
            if (!tag.startsWith("\"")) {
                tag = "\"" + tag + "\"";
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
