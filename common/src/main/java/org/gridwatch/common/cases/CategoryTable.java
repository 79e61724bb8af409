package org.gridwatch.common.cases;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The hotline's matter categories as data ({@code case-categories.json} next to this class),
 * readable without Flink: the intake's Open311 service list is built from it. It holds the same
 * rows as the case job's {@code org.gridwatch.jobs.cases.logic.CaseCategories}; {@code
 * CaseCategoriesTableTest} in the jobs module fails when the two differ, until CaseCategories reads
 * this table itself.
 */
public final class CategoryTable {
    /**
     * One category: code, class and item names in Chinese and English, default limit in working
     * minutes.
     */
    public record Row(
            String code,
            String classZh,
            String classEn,
            String nameZh,
            String nameEn,
            int defaultLimitMinutes) {}

    static final String RESOURCE = "case-categories.json";

    private static final List<Row> ROWS = load();

    private CategoryTable() {}

    /** Every category, in the table's order. */
    public static List<Row> rows() {
        return ROWS;
    }

    /** The category of a code, or null when the table does not list it. */
    public static Row find(String code) {
        for (Row r : ROWS) {
            if (r.code().equals(code)) {
                return r;
            }
        }
        return null;
    }

    private static List<Row> load() {
        try (InputStream in = CategoryTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE
                                + " is missing from the classpath next to "
                                + CategoryTable.class.getName());
            }
            JsonNode array = Json.MAPPER.readTree(in);
            List<Row> rows = new ArrayList<>();
            for (JsonNode n : array) {
                rows.add(
                        new Row(
                                n.path("code").asText(),
                                n.path("classZh").asText(),
                                n.path("classEn").asText(),
                                n.path("nameZh").asText(),
                                n.path("nameEn").asText(),
                                n.path("defaultLimitMinutes").asInt()));
            }
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
