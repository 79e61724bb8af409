package org.gridwatch.jobs.cases;

import org.gridwatch.common.reference.CityReference;
import org.gridwatch.jobs.cases.logic.CaseRules;

/** The case rules of the current reference version, rebuilt only when the reference changes. */
final class CaseRulesCache {
    private CityReference last;
    private long lastVersion = -1;
    private CaseRules rules;

    CaseRules get(CityReference r) {
        if (r != last || r.version() != lastVersion || rules == null) {
            rules = CaseRules.from(r.rules(), r.zone());
            last = r;
            lastVersion = r.version();
        }
        return rules;
    }
}
