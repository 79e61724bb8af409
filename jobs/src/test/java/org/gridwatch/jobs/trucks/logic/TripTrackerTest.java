package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.city.Site;
import org.gridwatch.jobs.trucks.TruckTestCity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TripTrackerTest {
    private static final Site CS1 =
            new Site("CS1", Site.Kind.CONSTRUCTION, "工地1号", TruckTestCity.rect(0, 0, 70));
    private static final Site DP9 =
            new Site("DP9", Site.Kind.DEPOT, "车队停车场9号", TruckTestCity.rect(140, 0, 70));
    private static final Site CS9 =
            new Site("CS9", Site.Kind.CONSTRUCTION, "工地9号", TruckTestCity.rect(280, 0, 70));

    @Test
    void oneFixInEachOfSeveralSitesInARowIsInsideTheSitesAndTheLastOneCounts() {
        TripTracker t = new TripTracker();
        assertThat(t.observe("T1", 0, CS1, false)).isEqualTo(TripTracker.Change.NONE);
        assertThat(t.observe("T1", 10, DP9, false)).isEqualTo(TripTracker.Change.NONE);
        assertThat(t.lastConstructionSite).isNull();
        assertThat(t.observe("T1", 20, CS9, false)).isEqualTo(TripTracker.Change.NONE);
        assertThat(t.lastConstructionSite).isEqualTo("CS9");
        assertThat(t.observe("T1", 30, null, false)).isEqualTo(TripTracker.Change.NONE);
        assertThat(t.observe("T1", 40, null, true)).isEqualTo(TripTracker.Change.STARTED);
        assertThat(t.sourceSiteId).isEqualTo("CS9");
    }

    @Test
    void aLoneFixInsideASiteTheTruckDrivesPastChangesNothing() {
        TripTracker t = new TripTracker();
        t.observe("T1", 0, CS1, false);
        t.observe("T1", 10, CS1, false);
        assertThat(t.observe("T1", 20, null, true)).isEqualTo(TripTracker.Change.STARTED);
        assertThat(t.observe("T1", 30, DP9, false)).isEqualTo(TripTracker.Change.NONE);
        assertThat(t.observe("T1", 40, null, true)).isEqualTo(TripTracker.Change.NONE);
        assertThat(t.onTrip()).isTrue();
    }
}
