package org.gridwatch.launcher.city;

import org.locationtech.jts.geom.Geometry;

import java.util.Map;

/**
 * One row of a CSV file or one feature of a GeoJSON file, with its columns renamed to the table's
 * column names and empty values dropped.
 *
 * @param subject where it is, for messages: {@code row 7} (the file's line) or {@code feature #3}
 * @param values column name to non-blank text
 * @param geometry the shape in the file's datum, or null
 * @param geometryProblem why a present geometry could not be read, or null
 */
public record InputRow(
        String file,
        String subject,
        Map<String, String> values,
        Geometry geometry,
        String geometryProblem) {
    public InputRow {
        values = Map.copyOf(values);
    }

    public String get(String column) {
        return values.get(column);
    }

    public boolean has(String column) {
        return values.containsKey(column);
    }
}
