package io.exdesk.notification.domain;

import io.exdesk.notification.domain.DeliveryChannel;

/**
 * One {@code recipient:channel} entry of a rule. The recipient is a role ({@code assignee},
 * {@code supervisor}, {@code customer}) or the name of a configured chat channel.
 */
public record Target(String recipient, DeliveryChannel channel) {

    public static final String ASSIGNEE = "assignee";
    public static final String SUPERVISOR = "supervisor";
    public static final String CUSTOMER = "customer";

    public boolean isRole() {
        return recipient.equals(ASSIGNEE) || recipient.equals(SUPERVISOR) || recipient.equals(CUSTOMER);
    }
}
