package org.gridwatch.common.model;

/** The steps of a case's lifecycle (信息收集 → 派遣 → 处置 → 结案, and 返工 reopen). */
public enum CaseEventKind {
    RECEIVED,
    DISPATCHED,
    HANDLED,
    CLEARED,
    CLOSED,
    REOPENED
}
