package io.exdesk.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.exdesk.platform.config.PlatformConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while events leave the outbox: DOWN when the oldest unpublished one is too old. */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final AgroalDataSource dataSource;
    private final Duration maxAge;
    private final Clock clock;

    public OutboxHealthCheck(AgroalDataSource dataSource, PlatformConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.maxAge = config.outbox().maxBacklogAge();
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*), min(created_at) FROM outbox_event WHERE published_at IS NULL");
             ResultSet rs = query.executeQuery()) {
            rs.next();
            long pending = rs.getLong(1);
            Timestamp oldest = rs.getTimestamp(2);
            Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), clock.instant());
            return response.status(age.compareTo(maxAge) <= 0)
                    .withData("pendingEvents", pending)
                    .withData("oldestPendingAgeSeconds", Math.max(0, age.toSeconds()))
                    .withData("maxAgeSeconds", maxAge.toSeconds())
                    .build();
        } catch (SQLException e) {
            return response.down().withData("error", e.getMessage()).build();
        }
    }
}
