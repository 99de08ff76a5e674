package io.exdesk.notification.domain;

import io.exdesk.notification.config.NotificationConfig;
import io.exdesk.notification.domain.DeliveryChannel;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The configured targets of each rule, parsed and checked once at startup so a typo fails fast. */
@Singleton
public class NotificationRules {

    private final Map<Rule, List<Target>> targets = new EnumMap<>(Rule.class);

    public NotificationRules(NotificationConfig config) {
        NotificationConfig.Rules rules = config.rules();
        put(Rule.TICKET_ASSIGNED, rules.ticketAssigned(), config);
        put(Rule.SLA_WARNING, rules.slaWarning(), config);
        put(Rule.SLA_ESCALATION, rules.slaEscalation(), config);
        put(Rule.SLA_BREACHED, rules.slaBreached(), config);
        put(Rule.VIP_TICKET_CREATED, rules.vipTicketCreated(), config);
        put(Rule.SECRETS_REDACTED, rules.secretsRedacted(), config);
    }

    public List<Target> targets(Rule rule) {
        return targets.get(rule);
    }

    private void put(Rule rule, List<String> entries, NotificationConfig config) {
        targets.put(rule, entries.stream().map(entry -> parse(rule, entry.trim(), config)).toList());
    }

    private static Target parse(Rule rule, String entry, NotificationConfig config) {
        String[] parts = entry.split(":");
        if (parts.length != 2) {
            throw invalid(rule, entry, "expected recipient:channel");
        }
        DeliveryChannel channel;
        try {
            channel = DeliveryChannel.valueOf(parts[1].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(rule, entry, "the channel is email or chat");
        }
        Target target = new Target(parts[0], channel);
        if (!target.isRole()) {
            if (!config.channels().containsKey(target.recipient())) {
                throw invalid(rule, entry, "the recipient is assignee, supervisor, customer or a configured channel "
                        + config.channels().keySet());
            }
            if (channel != DeliveryChannel.CHAT) {
                throw invalid(rule, entry, "a chat channel only takes chat");
            }
        }
        return target;
    }

    private static IllegalStateException invalid(Rule rule, String entry, String why) {
        return new IllegalStateException("notification.rules." + rule.id() + ": '" + entry + "': " + why);
    }
}
