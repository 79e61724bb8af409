package org.gridwatch.jobs.cases.logic;

import org.gridwatch.common.city.Address;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.reference.AddressBook;
import org.gridwatch.common.reference.CityReference;

/**
 * Places a complaint that gives an address but no coordinates, from the city's address table
 * ({@link AddressBook}: exact text, then normalised, then without city and district): it takes the
 * entry's coordinates and grid (the entry's own grid code, else the grid containing the entry). One
 * that cannot be placed goes on unlocated (NaN coordinates, no grid): it becomes a case of its own
 * with grid unknown, is never merged with another, and is counted, never dead-lettered.
 */
public final class ComplaintLocation {
    public enum Outcome {
        /** Not a complaint, or a complaint with coordinates: left as it is. */
        HAS_COORDINATES,
        BY_EXACT_ADDRESS,
        BY_NORMALISED_ADDRESS,
        BY_ADDRESS_WITHOUT_PREFIX,
        /** Two table entries at different places match at the same step. */
        UNLOCATED_AMBIGUOUS,
        UNLOCATED_NOT_FOUND
    }

    /** The event to pass on and how it was placed. */
    public record Located(HotlineEvent event, Outcome outcome) {
        public boolean unlocated() {
            return outcome == Outcome.UNLOCATED_AMBIGUOUS || outcome == Outcome.UNLOCATED_NOT_FOUND;
        }
    }

    private ComplaintLocation() {}

    public static Located locate(CityReference ref, HotlineEvent e) {
        if (e.kind() != CaseEventKind.RECEIVED || e.hasCoordinates()) {
            return new Located(e, Outcome.HAS_COORDINATES);
        }
        AddressBook.Match m = ref.findAddress(e.address());
        Outcome outcome =
                switch (m.level()) {
                    case EXACT -> Outcome.BY_EXACT_ADDRESS;
                    case NORMALISED -> Outcome.BY_NORMALISED_ADDRESS;
                    case WITHOUT_PREFIX -> Outcome.BY_ADDRESS_WITHOUT_PREFIX;
                    case AMBIGUOUS -> Outcome.UNLOCATED_AMBIGUOUS;
                    case NOT_FOUND -> Outcome.UNLOCATED_NOT_FOUND;
                };
        if (!m.found()) {
            return new Located(e, outcome);
        }
        Address a = m.address();
        String grid = a.gridCode();
        if (grid == null) {
            Grid g = ref.gridAt(a.lat(), a.lon());
            grid = g == null ? null : g.gridCode();
        }
        return new Located(e.locatedAt(a.lat(), a.lon(), grid), outcome);
    }
}
