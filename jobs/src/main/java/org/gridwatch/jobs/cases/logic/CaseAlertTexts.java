package org.gridwatch.jobs.cases.logic;

/**
 * The Chinese and English texts of a case's alerts ({@code CASE_OVERDUE} colours and {@code
 * COMPLAINT_REPEAT}). Kept out of {@link CaseFile} so the case's rules read without the wording,
 * and so the wording can change without touching the state class.
 */
final class CaseAlertTexts {
    private CaseAlertTexts() {}

    /** The text of an overdue colour reached by a case, in Chinese or English. */
    static String overdue(
            EscalationLadder.Level level,
            String caseId,
            String category,
            int limitMinutes,
            boolean zh) {
        CaseCategories.Category c = CaseCategories.of(category);
        if (zh) {
            String step =
                    switch (level) {
                        case BLUE -> "蓝灯提醒";
                        case YELLOW -> "黄灯催办";
                        case ORANGE -> "橙灯督办（已超时）";
                        case RED -> "红灯问效（严重超时）";
                    };
            return step + "：案件 " + caseId + "（" + c.nameZh() + "）时限 " + limitMinutes + " 工作分钟";
        }
        String step =
                switch (level) {
                    case BLUE -> "Blue reminder";
                    case YELLOW -> "Yellow urge";
                    case ORANGE -> "Orange supervision (overdue)";
                    case RED -> "Red accountability (seriously overdue)";
                };
        return step
                + ": case "
                + caseId
                + " ("
                + c.nameEn()
                + "), limit "
                + limitMinutes
                + " working minutes";
    }

    /** The Chinese text of a repeat-complaint alert. */
    static String repeatZh(String caseId, String category, int complaints) {
        String name = CaseCategories.of(category).nameZh();
        return "重复投诉：案件 " + caseId + "（" + name + "）已收到 " + complaints + " 次投诉";
    }

    /** The English text of a repeat-complaint alert. */
    static String repeatEn(String caseId, String category, int complaints) {
        return "Repeat complaint: case "
                + caseId
                + " ("
                + CaseCategories.of(category).nameEn()
                + ") has "
                + complaints
                + " complaints";
    }
}
