package org.gridwatch.jobs.shops.logic;

/**
 * A hotline case at or naming a shop: open from its complaint, closed with an enforcement outcome.
 * POJO.
 */
public final class ShopCase {
    public String caseId;
    public String category;
    public long received = -1;
    public long closed = -1;
    public String outcome;

    public ShopCase() {}

    public boolean isOpen() {
        return closed < 0;
    }
}
