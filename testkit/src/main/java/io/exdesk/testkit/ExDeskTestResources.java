package io.exdesk.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the real Kafka broker and PostgreSQL database of
 * {@link TestServers}, and makes it accept tokens from {@link TestTokens}.
 *
 * <p>The servers outlive a single application start, so test classes with different profiles
 * share them; they stop with the JVM.
 */
public class ExDeskTestResources implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestServers servers = TestServers.get();
        return Map.of(
                "quarkus.datasource.jdbc.url", servers.jdbcUrl(),
                "quarkus.datasource.username", servers.postgres().user(),
                "quarkus.datasource.password", servers.postgres().password(),
                "kafka.bootstrap.servers", servers.kafkaBootstrapServers(),
                "mp.jwt.verify.publickey.location", servers.jwt().publicKeyFile().toUri().toString(),
                "mp.jwt.verify.issuer", JwtIssuer.ISSUER);
    }

    @Override
    public void stop() {
        // Shared by every application start in this JVM; TestServers stops them at exit.
    }
}
