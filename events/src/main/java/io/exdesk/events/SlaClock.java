package io.exdesk.events;

/** The two SLA clocks every ticket runs. */
public enum SlaClock {
    FIRST_RESPONSE, RESOLUTION
}
