package org.gridwatch.common.model;

/**
 * The alert catalogue (docs/alerts.md). The enum name is the id used in documents, topics and the
 * scorer.
 */
public enum AlertType {
    TRUCK_ROUTE_DEVIATION("渣土车偏离路线", "Truck route deviation"),
    TRUCK_OFF_HOURS("渣土车超时段运输", "Truck moving off permitted hours"),
    TRUCK_NO_PERMIT("渣土车无证运输", "Truck moving without permit"),
    TRUCK_PROHIBITED_ZONE("渣土车驶入禁行区", "Truck in prohibited zone"),
    TRUCK_SUSPECTED_DUMPING("疑似偷倒", "Suspected illegal dumping"),
    TRUCK_SIGNAL_LOST("渣土车信号丢失", "Truck signal lost"),
    TRUCK_OVERSPEED("渣土车超速", "Truck overspeed"),
    STALL_REAPPEARED("摊点回潮", "Stall reappeared"),
    GRID_UNCOVERED("网格无人巡查", "Grid uncovered"),
    COMPLAINT_REPEAT("重复投诉", "Repeat complaint"),
    CASE_OVERDUE("案件超时", "Case overdue"),
    NOISE_EXCEEDANCE("噪声超标", "Noise exceedance"),
    SHOP_REPEAT_VIOLATION("门店屡次违规", "Shop repeat violation");

    private final String nameZh;
    private final String nameEn;

    AlertType(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }
}
