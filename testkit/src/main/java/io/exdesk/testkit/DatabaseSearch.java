package io.exdesk.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Searches every column of every table of a database for strings, case-insensitively: the proof that
 * erased personal data is gone from everywhere, not only from the columns a test thought of. Each
 * value is searched as text ({@code column::text}, so numbers, arrays and JSON too); {@code bytea}
 * as the UTF-8 bytes of the string.
 */
public final class DatabaseSearch {

    private static final String COLUMNS = """
            SELECT c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
            ORDER BY c.table_name, c.ordinal_position""";

    private DatabaseSearch() {
    }

    /** Where the strings occur in the test database of this module ({@link TestServers}), the one its service uses. */
    public static List<String> inTestDatabase(Collection<String> needles) {
        TestServers servers = TestServers.get();
        try (Connection connection = servers.postgres().connect(servers.database())) {
            return occurrences(connection, needles);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot search the test database", e);
        }
    }

    /**
     * Where the strings occur, as {@code table.column: needle}, in the tables of the connection's current
     * schema; empty when nowhere.
     */
    public static List<String> occurrences(Connection connection, Collection<String> needles) throws SQLException {
        List<String> found = new ArrayList<>();
        if (needles.isEmpty()) {
            return found;
        }
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement list = connection.prepareStatement(COLUMNS); ResultSet rs = list.executeQuery()) {
            while (rs.next()) {
                columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        String[] strings = needles.toArray(String[]::new);
        for (String[] column : columns) {
            String table = quote(column[0]);
            String name = quote(column[1]);
            // Non-ASCII bytes are octal escapes in both sides of the bytea comparison, so it needs no valid UTF-8.
            String match = "bytea".equals(column[2])
                    ? "position(lower(encode(convert_to(n, 'UTF8'), 'escape')) IN lower(encode(" + name + ", 'escape'))) > 0"
                    : "position(lower(n) IN lower(" + name + "::text)) > 0";
            String sql = "SELECT n FROM unnest(?::text[]) AS n WHERE EXISTS (SELECT 1 FROM " + table + " WHERE "
                    + match + ")";
            try (PreparedStatement search = connection.prepareStatement(sql)) {
                search.setArray(1, connection.createArrayOf("text", strings));
                try (ResultSet rs = search.executeQuery()) {
                    while (rs.next()) {
                        found.add(column[0] + "." + column[1] + ": " + rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
