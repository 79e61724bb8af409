package org.gridwatch.jobs.cases.logic;

import org.gridwatch.common.city.Address;
import org.gridwatch.common.city.City;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.common.rules.DailyWindow;
import org.gridwatch.jobs.cases.logic.ComplaintLocation.Outcome;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 19: complaints with an address and no coordinates, placed from the address table. */
class ComplaintLocationTest {
    private static final GeometryFactory F = new GeometryFactory();
    static final Grid GRID =
            new Grid(
                    "31011200100101",
                    "310112",
                    "闵行区",
                    "001",
                    "莘庄镇",
                    "001",
                    "一村",
                    DailyWindow.ALL_DAY,
                    60,
                    F.createPolygon(
                            new Coordinate[] {
                                new Coordinate(121.38, 31.10),
                                new Coordinate(121.39, 31.10),
                                new Coordinate(121.39, 31.12),
                                new Coordinate(121.38, 31.12),
                                new Coordinate(121.38, 31.10)
                            }));

    /** In the grid by its coordinates, without a grid code of its own. */
    static final Address IN_GRID = new Address("A1", "莘松路123弄4号", 31.1101, 121.3840, null);

    /** Its own grid code wins over the grid its coordinates fall in. */
    static final Address OWN_GRID =
            new Address("A2", "闵行区七莘路88号", 31.1150, 121.3850, "31011200100102");

    private static final CityReference REF =
            CityReference.of(
                    new City(
                            "Test",
                            "310112",
                            31.11,
                            121.385,
                            ZoneId.of("Asia/Shanghai"),
                            List.of(GRID),
                            List.of(),
                            List.of(),
                            List.of(),
                            List.of(),
                            List.of(),
                            List.of(),
                            List.of(IN_GRID, OWN_GRID)));

    private static HotlineEvent complaint(double lat, double lon, String address) {
        return new HotlineEvent(
                "T-R",
                "T",
                CaseEventKind.RECEIVED,
                "12345",
                0,
                "09006",
                lat,
                lon,
                "闵行区",
                null,
                null,
                null,
                null,
                address);
    }

    @Test
    void shouldTakeTheEntrysCoordinatesAndGrid() {
        ComplaintLocation.Located l =
                ComplaintLocation.locate(REF, complaint(Double.NaN, Double.NaN, "上海市闵行区莘松路１２３弄４号"));
        assertThat(l.outcome()).isEqualTo(Outcome.BY_ADDRESS_WITHOUT_PREFIX);
        assertThat(l.event().lat()).isEqualTo(31.1101);
        assertThat(l.event().lon()).isEqualTo(121.3840);
        assertThat(l.event().gridCode()).isEqualTo("31011200100101");
        assertThat(l.event().address()).isEqualTo("上海市闵行区莘松路１２３弄４号");

        assertThat(
                        ComplaintLocation.locate(
                                        REF, complaint(Double.NaN, Double.NaN, "闵行区七莘路88号"))
                                .event()
                                .gridCode())
                .isEqualTo("31011200100102");
        assertThat(
                        ComplaintLocation.locate(REF, complaint(Double.NaN, Double.NaN, "七莘路 88 号"))
                                .outcome())
                .isEqualTo(Outcome.BY_ADDRESS_WITHOUT_PREFIX);
        assertThat(
                        ComplaintLocation.locate(
                                        REF, complaint(Double.NaN, Double.NaN, "莘松路123弄4号"))
                                .outcome())
                .isEqualTo(Outcome.BY_EXACT_ADDRESS);
    }

    @Test
    void shouldLeaveAnUnknownAddressUnlocatedAndCoordinatesAlone() {
        HotlineEvent unknown = complaint(Double.NaN, Double.NaN, "莘松路999号");
        ComplaintLocation.Located l = ComplaintLocation.locate(REF, unknown);
        assertThat(l.outcome()).isEqualTo(Outcome.UNLOCATED_NOT_FOUND);
        assertThat(l.unlocated()).isTrue();
        assertThat(l.event()).isSameAs(unknown);

        HotlineEvent withCoordinates = complaint(31.111, 121.381, "莘松路123弄4号");
        assertThat(ComplaintLocation.locate(REF, withCoordinates))
                .isEqualTo(new ComplaintLocation.Located(withCoordinates, Outcome.HAS_COORDINATES));
    }
}
