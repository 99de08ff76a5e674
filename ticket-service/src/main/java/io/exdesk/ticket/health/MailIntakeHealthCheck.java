package io.exdesk.ticket.health;

import io.exdesk.ticket.config.TicketConfig;
import io.exdesk.ticket.service.MailIntakeMetrics;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * E-mail intake in the readiness report: whether it is on and whether the last poll reached the mailbox. Always
 * UP: an unreachable mailbox must not take the ticket API out of service; {@code ticket_mail_mailbox_up} is what
 * to alert on.
 */
@Readiness
@Singleton
public class MailIntakeHealthCheck implements HealthCheck {

    private final MailIntakeMetrics metrics;
    private final boolean enabled;

    public MailIntakeHealthCheck(MailIntakeMetrics metrics, TicketConfig config) {
        this.metrics = metrics;
        this.enabled = config.mailIntake().host().isPresent();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("mail-intake").up().withData("enabled", enabled);
        MailIntakeMetrics.LastPoll last = metrics.lastPoll();
        if (enabled) {
            response.withData("mailbox", last == null ? "not polled yet" : last.reachable() ? "reachable" : "unreachable");
            if (last != null) {
                response.withData("lastPollAt", last.at().toString());
                if (last.failure() != null) {
                    response.withData("lastFailure", last.failure());
                }
            }
        }
        return response.build();
    }
}
