package org.gridwatch.launcher.cli;

/**
 * {@code --speed}: {@code max} (as fast as possible), or simulated seconds per wall-clock second.
 */
final class Speeds {
    private Speeds() {}

    /** 0 means as fast as possible (the convention of {@code PacedSink}). */
    static double parse(String text) {
        if (text.equalsIgnoreCase("max")) {
            return 0;
        }
        try {
            double v = Double.parseDouble(text);
            if (v > 0 && v <= 100_000) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(
                "--speed must be 'max' or a number of times real time between 0 and 100000, got '"
                        + text
                        + "'");
    }

    static String describe(double speed) {
        return speed == 0 ? "as fast as possible" : speed + "x real time";
    }
}
