package io.exdesk.events;

/** CloudEvents 1.0 Kafka binary-mode header names and values used by every ExDesk producer and consumer. */
public final class CloudEvents {

    public static final String SPEC_VERSION = "1.0";

    public static final String SPECVERSION = "ce_specversion";
    /** A UUID; consumers deduplicate on it. */
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    /** The ticket id (or {@code PRIORITY:TIER} for policies), equal to the record key. */
    public static final String SUBJECT = "ce_subject";
    /** In binary mode the payload's media type travels in this plain header, not a {@code ce_} one. */
    public static final String CONTENT_TYPE = "content-type";
    public static final String CONTENT_TYPE_JSON = "application/json";

    private CloudEvents() {
    }

    /** The {@code ce_source} of a service, e.g. {@code /exdesk/ticket-service}; one convention for all. */
    public static String source(String service) {
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("service must not be blank");
        }
        return "/exdesk/" + service;
    }
}
