package io.exdesk.events;

/** Service level of the customer; VIP tickets get tighter SLAs and VIP-capable agents. */
public enum CustomerTier {
    STANDARD, VIP
}
