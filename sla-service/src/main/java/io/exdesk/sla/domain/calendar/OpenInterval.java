package io.exdesk.sla.domain.calendar;

import java.time.LocalTime;
import java.util.Objects;

/**
 * One daily opening {@code [opens, closes)} in local time; {@code closes == LocalTime.MAX} means 24:00.
 */
public record OpenInterval(LocalTime opens, LocalTime closes) {

    /** Stands for 24:00, which {@link LocalTime} cannot represent. */
    public static final LocalTime END_OF_DAY = LocalTime.MAX;

    public OpenInterval {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException(
                    "opens " + format(opens) + " must be before closes " + format(closes));
        }
    }

    /** Parses "HH:mm-HH:mm" (24:00 allowed as the end), the form used by {@link CalendarSpec}. */
    public static OpenInterval parse(String text) {
        return CalendarSpec.parseInterval(text);
    }

    /** Whether this interval runs to the end of the day (24:00). */
    public boolean closesAtEndOfDay() {
        return closes.equals(END_OF_DAY);
    }

    /** "HH:mm-HH:mm", the {@link CalendarSpec} form, so messages read like the JSON the user sent. */
    @Override
    public String toString() {
        return format(opens) + "-" + format(closes);
    }

    static String format(LocalTime time) {
        if (time.equals(END_OF_DAY)) {
            return "24:00";
        }
        String hhmm = String.format("%02d:%02d", time.getHour(), time.getMinute());
        // Seconds only appear when someone built the interval in code; keep them visible rather than lose them.
        return time.getSecond() == 0 && time.getNano() == 0 ? hhmm : time.toString();
    }
}
