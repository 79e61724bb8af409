package org.gridwatch.jobs.upgrade;

import org.apache.flink.types.PojoTestUtils;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.jobs.cases.CaseInput;
import org.gridwatch.jobs.cases.RoutedEvent;
import org.gridwatch.jobs.cases.logic.CaseFile;
import org.gridwatch.jobs.cases.logic.KpiCounts;
import org.gridwatch.jobs.cases.logic.TicketFact;
import org.gridwatch.jobs.coverage.OfficerCursor;
import org.gridwatch.jobs.coverage.logic.GridCoverage;
import org.gridwatch.jobs.noise.logic.NoiseExceedance;
import org.gridwatch.jobs.noise.logic.NoiseHour;
import org.gridwatch.jobs.stalls.SpotEvent;
import org.gridwatch.jobs.stalls.logic.ChronicSpot;
import org.gridwatch.jobs.stalls.logic.SpotTimeline;
import org.gridwatch.jobs.trucks.logic.TruckState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every type kept in keyed or broadcast state is serialized as a POJO, never by Kryo: a POJO's
 * fields can be added and removed between releases and a savepoint still restores, while a type
 * that falls back to Kryo (one field of an unsupported type is enough) makes every savepoint of it
 * unrestorable after an innocent change. Add each new state type here.
 */
class StateTypesTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            classes = {
                TicketFact.class,
                RoutedEvent.class,
                CaseFile.class,
                CaseInput.class,
                KpiCounts.class,
                NoiseExceedance.class,
                NoiseHour.class,
                Episode.class,
                SpotEvent.class,
                SpotTimeline.class,
                ChronicSpot.class,
                OfficerCursor.class,
                GridCoverage.class,
                TruckState.class,
                GpsPing.class,
                HotlineEvent.class,
                ReferenceUpdate.class
            })
    void shouldBeKeptInStateAsAPojo(Class<?> stateType) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(stateType);
    }
}
