package org.gridwatch.common.city.check;

/**
 * One thing wrong with a city's reference data.
 *
 * @param file the file it was found in ({@code grids.geojson}, or an input file of an import)
 * @param subject what in the file: {@code feature 31011200100101}, {@code entry GW00001}, {@code
 *     row 7}; null for the file as a whole
 * @param message the reason, in words a person fixing the data can act on
 */
public record Problem(Severity severity, String file, String subject, String message) {

    /**
     * ERROR: the city cannot be used as it is. WARNING: usable, but probably not what was meant.
     */
    public enum Severity {
        ERROR,
        WARNING
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * {@code ERROR grids.geojson feature 310112001001: self-intersecting polygon at (121.400000
     * 31.100000)}.
     */
    public String line() {
        return severity + " " + file + (subject == null ? "" : " " + subject) + ": " + message;
    }
}
