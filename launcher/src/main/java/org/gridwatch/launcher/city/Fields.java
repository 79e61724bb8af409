package org.gridwatch.launcher.city;

import org.gridwatch.common.rules.DailyWindow;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient readers for the values city platforms export: times like {@code 8:00} or {@code 20：00},
 * ranges like {@code 20:00-次日06:00}, dates like {@code 2026/10/2} or {@code 2026年10月2日}, kinds in
 * Chinese. Each throws {@link IllegalArgumentException} with a message naming the value when it
 * cannot make sense of it; the importer reports that against the row.
 */
final class Fields {
    private static final Pattern TIME = Pattern.compile("(\\d{1,2})[:：](\\d{2})");
    private static final Pattern TIME_ONLY =
            Pattern.compile("^\\s*(\\d{1,2})[:：](\\d{2})(?:[:：]\\d{2})?\\s*$");
    private static final Pattern DATE = Pattern.compile("^(\\d{4})\\D?(\\d{1,2})\\D?(\\d{1,2})");
    private static final List<String> ALL_DAY = List.of("全天", "24小时", "allday");

    private Fields() {}

    /**
     * {@code 8:00}, {@code 08:00}, {@code 20：00}, {@code 08:00:00}, {@code 24:00} (end of day, read
     * as 00:00).
     */
    static LocalTime time(String column, String text) {
        Matcher m = TIME_ONLY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    column + " '" + text + "' is not a time of day like 08:00");
        }
        return clock(m, column, text);
    }

    /** {@code 20:00-06:00}, {@code 20:00～次日06:00}, {@code 20:00至06:00}, {@code 全天} (all day). */
    static DailyWindow range(String column, String text) {
        if (ALL_DAY.contains(text.toLowerCase(Locale.ROOT).replace(" ", ""))) {
            return DailyWindow.ALL_DAY;
        }
        Matcher m = TIME.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException(
                    column + " '" + text + "' is not a time range like 20:00-06:00");
        }
        LocalTime start = clock(m, column, text);
        if (!m.find()) {
            throw new IllegalArgumentException(
                    column + " '" + text + "' is not a time range like 20:00-06:00");
        }
        return new DailyWindow(start, clock(m, column, text));
    }

    /**
     * A window from a range column, or from a start and an end column, or the default when none is
     * given.
     */
    static DailyWindow window(
            InputRow row,
            String rangeColumn,
            String startColumn,
            String endColumn,
            DailyWindow otherwise) {
        if (row.has(rangeColumn)) {
            return range(rangeColumn, row.get(rangeColumn));
        }
        if (row.has(startColumn) || row.has(endColumn)) {
            if (!row.has(startColumn) || !row.has(endColumn)) {
                throw new IllegalArgumentException(
                        "give both " + startColumn + " and " + endColumn + ", or neither");
            }
            return new DailyWindow(
                    time(startColumn, row.get(startColumn)), time(endColumn, row.get(endColumn)));
        }
        return otherwise;
    }

    private static LocalTime clock(Matcher m, String column, String text) {
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        if (h == 24 && min == 0) {
            return LocalTime.MIDNIGHT;
        }
        if (h > 23 || min > 59) {
            throw new IllegalArgumentException(column + " '" + text + "' is not a time of day");
        }
        return LocalTime.of(h, min);
    }

    /**
     * {@code 2026-10-02}, {@code 2026/10/2}, {@code 2026.10.02}, {@code 20261002}, {@code
     * 2026年10月2日}, with or without a time after it.
     */
    static LocalDate date(String column, String text) {
        Matcher m = DATE.matcher(text.trim());
        if (!m.find()) {
            throw new IllegalArgumentException(
                    column + " '" + text + "' is not a date like 2026-10-02");
        }
        try {
            return LocalDate.of(
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(
                    column + " '" + text + "' is not a date: " + e.getMessage());
        }
    }

    /**
     * An enum constant by its name (any case) or by a word that appears in the value: {@code words}
     * maps each constant to the terms that mean it ({@code 工地}, {@code 消纳场}).
     */
    static <E extends Enum<E>> E kind(
            String column, String text, Class<E> type, Map<E, List<String>> words) {
        String t = text.trim();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(t.replace(' ', '_').replace('-', '_'))) {
                return e;
            }
        }
        for (Map.Entry<E, List<String>> w : words.entrySet()) {
            if (w.getValue().stream().anyMatch(word -> t.toLowerCase(Locale.ROOT).contains(word))) {
                return w.getKey();
            }
        }
        throw new IllegalArgumentException(
                column
                        + " '"
                        + text
                        + "' is not one of "
                        + Arrays.toString(type.getEnumConstants())
                        + " (or "
                        + words.values()
                        + ")");
    }

    /** A list in one cell: {@code a;b}, {@code a,b}, {@code a、b}, {@code a|b} or {@code a b}. */
    static List<String> list(String text) {
        return Arrays.stream(text.split("[,;，；、|\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    static double number(String column, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + text + "' is not a number");
        }
    }

    static int wholeNumber(String column, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + text + "' is not a whole number");
        }
    }
}
