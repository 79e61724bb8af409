package org.gridwatch.jobs.cases;

import org.gridwatch.common.model.HotlineEvent;

/**
 * A hotline event addressed to the case it belongs to after repeat merging.
 *
 * @param caseId the case (the first complaint's ticket id)
 * @param ticketId the ticket the event came with
 * @param joined true when the ticket is a repeat merged into another case
 * @param grid grid code, district and street name of the case's place, or nulls
 */
public record CaseInput(String caseId, String ticketId, boolean joined, HotlineEvent event) {}
