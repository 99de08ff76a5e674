package io.exdesk.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must never appear in a log (secrets, body fragments, tokens, header values, contact data), and a
 * search of a log file for all of it at once. A TRACE log runs to hundreds of thousands of lines and the
 * needles to thousands, so the search indexes the needles by their first characters instead of trying
 * each needle on each line.
 */
public final class LogNeedles {

    /** Needles shorter than this match too much ordinary text to mean anything. */
    public static final int MIN_LENGTH = 6;
    private static final int PREFIX = 4;
    /** The level of a line, after the time and, in the file format, the host and process. */
    private static final Pattern LEVEL = Pattern.compile(" (TRACE|DEBUG|INFO|WARN|ERROR|FATAL) +\\[");

    private final Map<String, String> descriptions = new HashMap<>();
    private final Map<String, List<String>> byPrefix = new HashMap<>();

    /** Adds {@code value}, described as {@code what} in a finding (never the value itself). */
    public LogNeedles add(String what, String value) {
        if (value == null || value.length() < MIN_LENGTH) {
            throw new IllegalArgumentException(what + ": a needle needs at least " + MIN_LENGTH + " characters");
        }
        if (descriptions.putIfAbsent(value, what) == null) {
            byPrefix.computeIfAbsent(value.substring(0, PREFIX), p -> new ArrayList<>()).add(value);
        }
        return this;
    }

    public int size() {
        return descriptions.size();
    }

    /** The result of a scan: the lines read, the levels seen, and each finding as "line N: what (logger excerpt)". */
    public record Scan(long lines, Set<String> levels, List<String> found) {
    }

    /** Searches every line of {@code log} for every needle. */
    public Scan scan(Path log) {
        long lines = 0;
        Set<String> levels = new LinkedHashSet<>();
        List<String> found = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                Matcher level = LEVEL.matcher(line.length() > 400 ? line.substring(0, 400) : line);
                if (level.find()) {
                    levels.add(level.group(1));
                }
                String needle = firstIn(line);
                if (needle != null && found.size() < 50) {
                    int at = line.indexOf(needle);
                    found.add("line " + lines + ": " + descriptions.get(needle) + " in: "
                            + line.substring(0, Math.min(line.length(), 120)).replace(needle, "<" + descriptions.get(needle) + ">")
                            + (at > 120 ? " … (at column " + at + ")" : ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scan(lines, levels, found);
    }

    private String firstIn(String line) {
        for (int i = 0; i + PREFIX <= line.length(); i++) {
            List<String> candidates = byPrefix.get(line.substring(i, i + PREFIX));
            if (candidates != null) {
                for (String needle : candidates) {
                    if (line.startsWith(needle, i)) {
                        return needle;
                    }
                }
            }
        }
        return null;
    }
}
