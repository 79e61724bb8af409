package org.gridwatch.jobs.shops.logic;

import org.gridwatch.common.model.ShopViolation;

/** A shop's latest inspection: who, when, what was found (null: in order), the photo. POJO. */
public final class Inspection {
    public String officer;
    public long time;
    public ShopViolation violation;
    public String photoUrl;

    public Inspection() {}

    public String result() {
        return violation == null ? "IN_ORDER" : "VIOLATION";
    }
}
