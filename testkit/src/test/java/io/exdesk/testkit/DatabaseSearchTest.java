package io.exdesk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search finds a string in any column type, whatever its case, and reports nothing where it is absent. */
class DatabaseSearchTest {

    @Test
    void findsStringsInEveryKindOfColumnAndNothingElse() throws Exception {
        TestServers servers = TestServers.get();
        try (Connection connection = servers.postgres().connect(servers.database());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS \"search Me\"");
            statement.execute("""
                    CREATE TABLE "search Me" (id BIGINT, note VARCHAR(100), doc JSONB, raw BYTEA, tags TEXT[],
                                              amount NUMERIC(38, 18))""");
            statement.execute("""
                    INSERT INTO "search Me" VALUES (1, 'Call Ada Lovelace', '{"email": "ADA@Example.test"}',
                        convert_to('张三的钱包 Wallet-77', 'UTF8'), ARRAY['vip', 'tx-0xABC'], 1234.56789)""");

            List<String> found = DatabaseSearch.occurrences(connection, List.of("ada lovelace", "ada@example.TEST",
                    "张三", "wallet-77", "TX-0XABC", "1234.56789", "nowhere-to-be-found"));

            assertThat(found).containsExactlyInAnyOrder(
                    "search Me.note: ada lovelace",
                    "search Me.doc: ada@example.TEST",
                    "search Me.raw: 张三",
                    "search Me.raw: wallet-77",
                    "search Me.tags: TX-0XABC",
                    "search Me.amount: 1234.56789");
            statement.execute("DROP TABLE \"search Me\"");
        }
    }
}
