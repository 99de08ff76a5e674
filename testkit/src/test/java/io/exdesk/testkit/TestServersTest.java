package io.exdesk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The servers a test JVM gets are real: PostgreSQL 15 answers SQL, Kafka stores and returns records. */
class TestServersTest {

    private final TestServers servers = TestServers.get();

    @Test
    void postgresIsARealPostgresql15() throws Exception {
        try (Connection connection = servers.postgres().connect(servers.database());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW server_version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("15.");
        }
    }

    @Test
    void aDurableServerReallyFsyncs() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "durable-postgres").toAbsolutePath();
        try (PostgresServer durable = PostgresServer.embedded(dir, 0, true);
             Connection connection = durable.connect("postgres");
             Statement statement = connection.createStatement()) {
            for (String setting : java.util.List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet rs = statement.executeQuery("SHOW " + setting)) {
                    rs.next();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    @Test
    void aStoppedServerRefusesConnectionsAndComesBackOnItsPortWithItsData() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "restarted-postgres").toAbsolutePath();
        TestServers.deleteRecursively(dir);
        try (PostgresServer server = PostgresServer.embedded(dir, 0, false)) {
            server.createDatabase("kept");
            try (Connection connection = server.connect("kept"); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE t (v text); INSERT INTO t VALUES ('before the stop')");
            }
            long firstPid = server.pid().orElseThrow();

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThat(server.pid()).isEmpty();
            assertThatThrownBy(() -> server.connect("kept").close())
                    .isInstanceOf(java.sql.SQLException.class)
                    .satisfies(e -> assertThat(((java.sql.SQLException) e).getSQLState()).startsWith("08"));

            server.start();
            assertThat(server.pid()).isPresent().isNotEqualTo(java.util.Optional.of(firstPid));
            try (Connection connection = server.connect("kept"); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT v FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("before the stop");
            }
        }
    }

    @Test
    void kafkaRoundTripsARecord() throws Exception {
        String topic = "testkit-" + UUID.randomUUID();
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", "value")).get();
        }
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "testkit",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
                return !received.isEmpty();
            });
            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("key");
                assertThat(record.value()).isEqualTo("value");
            });
        }
    }

    @Test
    void aClusterIdStartingWithADashIsNotReadAsAnOption() {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "dash-cluster").toAbsolutePath();
        TestServers.deleteRecursively(dir);
        try (KafkaBroker broker = new KafkaBroker(dir, 0, 1).format("-AbCdEfGhIjKlMnOpQrStUv").start()) {
            assertThat(broker.isRunning()).isTrue();
        }
    }

    @Test
    void mintedTokensCarrySubjectRolesIssuerAndAudience() {
        String token = servers.jwt().mint("agent-7", java.util.Set.of("agent"), Duration.ofMinutes(5));
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims).contains("\"sub\":\"agent-7\"").contains("\"groups\":[\"agent\"]")
                .contains("\"iss\":\"" + JwtIssuer.ISSUER + "\"").contains("\"aud\":\"" + JwtIssuer.AUDIENCE + "\"");
    }
}
