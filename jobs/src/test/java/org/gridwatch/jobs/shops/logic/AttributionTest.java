package org.gridwatch.jobs.shops.logic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.PROJ;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.lat;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.lon;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.pointShop;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.shop;

class AttributionTest {
    private static final ShopRules R = ShopRules.DEFAULTS;

    @Test
    void shouldMeasureMetresToLinesAndPointsNearestFirst() {
        FrontageIndex idx = new FrontageIndex(PROJ, List.of(shop("A", 0), pointShop("B", 20)));
        // 4 m north of the middle of A's line; B's point is 17 m east and 4 m north of it.
        List<FrontageIndex.Near> near = idx.within(lat(4), lon(3), 30);
        assertThat(near).extracting(FrontageIndex.Near::shopId).containsExactly("A", "B");
        assertThat(near.get(0).meters()).isCloseTo(4, org.assertj.core.data.Offset.offset(0.05));
        assertThat(near.get(1).meters())
                .isCloseTo(Math.hypot(17, 4), org.assertj.core.data.Offset.offset(0.05));
        assertThat(idx.within(lat(4), lon(3), 10)).hasSize(1);
    }

    @Test
    void shouldAttachToTheNearestWithinTheAttachDistanceOnly() {
        FrontageIndex idx = new FrontageIndex(PROJ, List.of(shop("A", 0), shop("B", 30)));
        Attribution.Outcome o = Attribution.attribute(idx, lat(5), lon(3), null, R);
        assertThat(o.kind()).isEqualTo(Attribution.Kind.ATTACHED);
        assertThat(o.shopId()).isEqualTo("A");
        assertThat(Attribution.attribute(idx, lat(16), lon(3), null, R).kind())
                .isEqualTo(Attribution.Kind.NONE);
    }

    @Test
    void shouldRecordTwoEquallyNearFrontagesAsAmbiguousNotGuess() {
        // A ends at 6 m, B starts at 10 m: a point at 8 m east is 2 m from both (1 m margin
        // too).
        FrontageIndex idx = new FrontageIndex(PROJ, List.of(shop("A", 0), shop("B", 10)));
        Attribution.Outcome o = Attribution.attribute(idx, lat(0), lon(8.5), null, R);
        assertThat(o.kind()).isEqualTo(Attribution.Kind.AMBIGUOUS);
        assertThat(o.shopId()).isNull();
        assertThat(o.candidates()).containsExactlyInAnyOrder("A", "B");
        // 3.5 m from A and 0.5 m... beyond the 2 m margin: attached.
        assertThat(Attribution.attribute(idx, lat(0), lon(9.5), null, R).shopId()).isEqualTo("B");
    }

    @Test
    void shouldKeepACameraWithItsShopUnlessAnotherIsNearerByMoreThanTheHysteresis() {
        FrontageIndex idx = new FrontageIndex(PROJ, List.of(shop("A", 0), shop("B", 10)));
        // 0.2 m from B, 3.8 m from A: without history B, with A sticky A (nearer by 3.6 < 5 m).
        assertThat(Attribution.attribute(idx, lat(0), lon(9.8), null, R).shopId()).isEqualTo("B");
        assertThat(Attribution.attribute(idx, lat(0), lon(9.8), "A", R).shopId()).isEqualTo("A");
        // 0 m from B (on its frontage), 6 m from A: B nearer by 6 > 5 m, so it moves.
        assertThat(Attribution.attribute(idx, lat(0), lon(12), "A", R).shopId()).isEqualTo("B");
        // The sticky shop beyond the attach distance no longer holds.
        FrontageIndex far = new FrontageIndex(PROJ, List.of(shop("A", 0), shop("C", 20)));
        assertThat(Attribution.attribute(far, lat(0), lon(22), "A", R).shopId()).isEqualTo("C");
    }

    @Test
    void shouldRebuildTheIndexOnlyWhenTheShopsChange() {
        var ref = new org.gridwatch.common.reference.CityReference(java.time.ZoneId.of("UTC"));
        FrontageIndex.Cache cache = new FrontageIndex.Cache();
        FrontageIndex first = cache.of(ref);
        assertThat(cache.of(ref)).isSameAs(first);
        ref.apply(
                new org.gridwatch.common.model.ReferenceUpdate(
                        "SHOP",
                        "A",
                        "UPSERT",
                        0,
                        org.gridwatch.common.city.CityCodec.shop(shop("A", 0)).toString()));
        FrontageIndex second = cache.of(ref);
        assertThat(second).isNotSameAs(first);
        assertThat(second.size()).isEqualTo(1);
    }
}
