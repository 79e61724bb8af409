package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.GpsPing;

/**
 * An accepted fix as the rules of {@link TruckCompliance} see it: the ping at the place and speed
 * the {@link FixFilter} gave it, and its evidence entry (the raw fix, noted with the speed and
 * drift), which every open episode it continues collects.
 */
record AcceptedPing(GpsPing p, Evidence evidence) {}
