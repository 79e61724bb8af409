package org.gridwatch.common.model;

/**
 * Shop-front violations (门店违规) that cameras detect and officers record, with the terms the
 * enforcement bureaus use.
 */
public enum ShopViolation {
    /** Goods or business spilling onto the pavement in front of the shop. */
    OUTSIDE_BUSINESS("店外经营"),
    /** Trading across the door line, a counter or stand at the door. */
    CROSS_DOOR("跨门营业"),
    /** Materials, goods or rubbish piled on the pavement. */
    PILED_MATERIALS("乱堆物料"),
    /** A wall broken open to make a shop front without approval. */
    WALL_BREAKING("破墙开店");

    private final String nameZh;

    ShopViolation(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
