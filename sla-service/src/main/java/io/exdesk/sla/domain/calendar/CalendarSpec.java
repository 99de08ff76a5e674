package io.exdesk.sla.domain.calendar;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON form of a calendar in the policy API; {@link #toCalendar()} validates it into a {@link BusinessCalendar}.
 *
 * <p>Example: {@code {"name":"cn-business","timeZone":"Asia/Shanghai",
 * "hours":{"MONDAY":["09:00-12:00","13:00-18:00"]},"holidays":["2026-10-01"]}}. A day absent from
 * {@code hours} (or with an empty list) is closed; {@code holidays} may be omitted.
 */
public record CalendarSpec(String name, String timeZone, Map<DayOfWeek, List<String>> hours,
        List<LocalDate> holidays) {

    /** Name of the built-in calendar that policies use unless they say otherwise. */
    public static final String ALWAYS_OPEN_NAME = "24x7";

    /** The built-in 24x7 calendar; {@link #toCalendar()} turns it into {@link BusinessCalendar#alwaysOpen()}. */
    public static final CalendarSpec ALWAYS_OPEN = new CalendarSpec(ALWAYS_OPEN_NAME, "UTC",
            allDays(List.of("00:00-24:00")), List.of());

    private static final OpenInterval ALL_DAY = new OpenInterval(LocalTime.MIDNIGHT, OpenInterval.END_OF_DAY);
    private static final Pattern INTERVAL = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");

    /**
     * Validates and builds the calendar.
     *
     * @throws IllegalArgumentException naming the offending field, e.g.
     *         {@code hours.MONDAY[0]: "25:00-26:00" is not HH:mm-HH:mm}
     */
    public BusinessCalendar toCalendar() {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must not be blank");
        }
        ZoneId zone = parseZone(timeZone);
        if (hours == null) {
            throw new IllegalArgumentException("hours: is required (days absent from it are closed)");
        }
        Map<DayOfWeek, List<OpenInterval>> parsed = new EnumMap<>(DayOfWeek.class);
        boolean openAllDay = true;
        for (DayOfWeek day : DayOfWeek.values()) {
            List<String> texts = hours.get(day);
            if (texts == null) {
                if (hours.containsKey(day)) {
                    throw new IllegalArgumentException("hours." + day + ": must be a list, not null");
                }
                openAllDay = false;
                continue;
            }
            List<OpenInterval> intervals = new ArrayList<>(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                String field = "hours." + day + "[" + i + "]";
                try {
                    intervals.add(parseInterval(texts.get(i)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
                }
            }
            openAllDay &= intervals.size() == 1 && intervals.get(0).equals(ALL_DAY);
            parsed.put(day, intervals);
        }
        Set<LocalDate> holidaySet = new HashSet<>();
        if (holidays != null) {
            for (int i = 0; i < holidays.size(); i++) {
                if (holidays.get(i) == null) {
                    throw new IllegalArgumentException("holidays[" + i + "]: must not be null");
                }
                holidaySet.add(holidays.get(i));
            }
        }
        if (openAllDay && holidaySet.isEmpty()) {
            // Open every instant whatever the zone: identical results, but plain arithmetic and no day walk.
            return BusinessCalendar.alwaysOpen();
        }
        // WeeklyCalendar reports ordering/overlap and an empty week with the same "hours.DAY[i]" field names.
        return new WeeklyCalendar(zone, parsed, holidaySet);
    }

    private static ZoneId parseZone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            throw new IllegalArgumentException("timeZone: is required (an IANA zone id such as \"Asia/Shanghai\")");
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) { // ZoneRulesException (unknown region) is a DateTimeException too
            throw new IllegalArgumentException("timeZone: unknown zone \"" + timeZone + "\"", e);
        }
    }

    /** Parses "HH:mm-HH:mm"; the message (without field name) says what is wrong. */
    static OpenInterval parseInterval(String text) {
        if (text == null) {
            throw new IllegalArgumentException("must not be null");
        }
        Matcher m = INTERVAL.matcher(text.strip());
        LocalTime opens = null;
        LocalTime closes = null;
        if (m.matches()) {
            opens = time(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), false);
            closes = time(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), true);
        }
        if (opens == null || closes == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not HH:mm-HH:mm");
        }
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("\"" + text + "\" opens at or after it closes"
                    + " (an interval cannot cross midnight: split it into \"..-24:00\" and next day \"00:00-..\")");
        }
        return new OpenInterval(opens, closes);
    }

    /** A valid time, 24:00 only as an end; null when out of range. */
    private static LocalTime time(int hour, int minute, boolean isEnd) {
        if (isEnd && hour == 24 && minute == 0) {
            return OpenInterval.END_OF_DAY;
        }
        return hour <= 23 && minute <= 59 ? LocalTime.of(hour, minute) : null;
    }

    private static Map<DayOfWeek, List<String>> allDays(List<String> intervals) {
        Map<DayOfWeek, List<String>> map = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            map.put(day, intervals);
        }
        return Collections.unmodifiableMap(map); // EnumMap keeps MONDAY..SUNDAY order in JSON
    }
}
