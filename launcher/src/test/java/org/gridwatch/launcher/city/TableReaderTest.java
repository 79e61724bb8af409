package org.gridwatch.launcher.city;

import org.gridwatch.common.city.check.Problem;
import org.gridwatch.common.city.check.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Polygon;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableReaderTest {
    private static final String GRIDS_CSV =
            "网格编码,网格名称,所属街道,所属社区,巡查时段,WKT\n"
                    + "31011200100101,莘庄1号网格,莘庄镇,第一社区,07:00-22:00,\"POLYGON ((121.37 31.10, 121.38 31.10, 121.38 31.108, 121.37 31.10))\"\n"
                    + "31011200100102,莘庄2号网格,莘庄镇,第一社区,,\"POLYGON ((121.38 31.10, oops))\"\n";

    @TempDir Path dir;
    final Problems problems = new Problems();

    @Test
    void csvWithChineseHeadersAndAWktColumn() throws IOException {
        List<InputRow> rows =
                TableReader.read(
                        write("grids.csv", GRIDS_CSV, StandardCharsets.UTF_8),
                        InputTable.GRIDS,
                        problems);
        assertThat(rows).hasSize(2);
        InputRow first = rows.get(0);
        assertThat(first.subject()).isEqualTo("row 2");
        assertThat(first.values())
                .containsEntry("gridCode", "31011200100101")
                .containsEntry("gridName", "莘庄1号网格")
                .containsEntry("streetName", "莘庄镇")
                .containsEntry("communityName", "第一社区")
                .containsEntry("duty", "07:00-22:00");
        assertThat(first.geometry()).isInstanceOf(Polygon.class);
        assertThat(first.geometry().getCoordinates()[1].x).isEqualTo(121.38);
        // An empty cell is no value; unreadable WKT is kept as the row's geometry problem.
        InputRow second = rows.get(1);
        assertThat(second.subject()).isEqualTo("row 3");
        assertThat(second.has("duty")).isFalse();
        assertThat(second.geometry()).isNull();
        assertThat(second.geometryProblem()).isNotBlank();
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void excelFilesInGbkWithAByteOrderMarkOrTabsReadTheSame() throws IOException {
        List<InputRow> gbk =
                TableReader.read(
                        write("gbk.csv", GRIDS_CSV, Charset.forName("GBK")),
                        InputTable.GRIDS,
                        problems);
        List<InputRow> bom =
                TableReader.read(
                        write("bom.csv", "\uFEFF" + GRIDS_CSV, StandardCharsets.UTF_8),
                        InputTable.GRIDS,
                        problems);
        String tabbed = "车牌号\t终端号\t运输单位\n沪A·D1234\t013900000001\t申城运输\n";
        List<InputRow> tabs =
                TableReader.read(
                        write("trucks.txt", tabbed, StandardCharsets.UTF_8),
                        InputTable.TRUCKS,
                        problems);
        assertThat(gbk.get(0).values())
                .containsEntry("gridCode", "31011200100101")
                .containsEntry("streetName", "莘庄镇");
        assertThat(bom.get(0).values()).containsEntry("gridCode", "31011200100101");
        assertThat(tabs.get(0).values())
                .containsEntry("plate", "沪A·D1234")
                .containsEntry("truckId", "013900000001")
                .containsEntry("company", "申城运输");
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void englishHeadersMatchWhateverTheirCaseAndSeparators() throws IOException {
        String csv = "Truck_ID,PLATE,company\n013900000001,沪A12345,申城运输\n";
        assertThat(
                        TableReader.read(
                                        write("t.csv", csv, StandardCharsets.UTF_8),
                                        InputTable.TRUCKS,
                                        problems)
                                .get(0)
                                .values())
                .containsEntry("truckId", "013900000001")
                .containsEntry("plate", "沪A12345");
    }

    @Test
    void unknownColumnsAreAWarningOncePerFile() throws IOException {
        String csv = "终端号,车牌号,车辆颜色\n013900000001,沪A12345,黄\n013900000002,沪A12346,绿\n";
        TableReader.read(
                write("trucks.csv", csv, StandardCharsets.UTF_8), InputTable.TRUCKS, problems);
        assertThat(problems.list())
                .extracting(Problem::line)
                .containsExactly(
                        "WARNING trucks.csv: columns not used (not known for this file): 车辆颜色");
    }

    @Test
    void geoJsonWithChinesePropertiesAndTheFeatureIdAsFallback() throws IOException {
        String json =
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"PZ01\",\"properties\":{\"区域类型\":\"禁行区\",\"禁行时段\":\"06:00-22:00\"},"
                        + "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[[121.37,31.10],[121.38,31.10],[121.38,31.11],[121.37,31.10]]]]}}]}";
        InputRow zone =
                TableReader.read(
                                write("zones.geojson", json, StandardCharsets.UTF_8),
                                InputTable.ZONES,
                                problems)
                        .get(0);
        assertThat(zone.subject()).isEqualTo("feature #1");
        assertThat(zone.values())
                .containsEntry("zoneId", "PZ01")
                .containsEntry("kind", "禁行区")
                .containsEntry("closedHours", "06:00-22:00");
        assertThat(zone.geometry().getGeometryType()).isEqualTo("MultiPolygon");
    }

    @Test
    void ewktFromPostgisIsRead() throws Exception {
        assertThat(
                        TableReader.wkt("SRID=4326;LINESTRING (121.37 31.10, 121.38 31.11)")
                                .getGeometryType())
                .isEqualTo("LineString");
    }

    @Test
    void aMissingFileCannotBeReadAtAll() {
        assertThatThrownBy(
                        () -> TableReader.read(dir.resolve("nope.csv"), InputTable.GRIDS, problems))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("nope.csv");
    }

    private Path write(String name, String text, Charset charset) throws IOException {
        return Files.write(dir.resolve(name), text.getBytes(charset));
    }
}
