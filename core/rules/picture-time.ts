import type { VendorBatch } from '../model/batch.ts';
import type { State } from '../model/state.ts';
import type { Instant } from '../model/time.ts';

/**
 * How much later than its export's time a sighting in it may be: the vendor stamps an export when
 * it starts making it, and its records are seen until it is done (hours).
 */
const GENERATION_LAG_MS = 24 * 60 * 60_000;

/**
 * R-DONE-1: an exposure picture tells the truth of its own moment only. One generated well before
 * what the archive has already seen (an exposure last seen more than GENERATION_LAG_MS after it)
 * is an old export: applied as the current picture it would call fixed (or, in part, exposed
 * again) devices whose state the archive knows from later. It is refused, with why; other batches
 * have no moment of their own.
 */
export function pictureTimeProblem(state: State, batch: VendorBatch): string | null {
  if (batch.kind !== 'exposures' && batch.kind !== 'exposuresSeen' && batch.kind !== 'exposureDelta')
    return null;
  const { observedAt } = batch;
  let seen: Instant | null = null;
  for (const x of state.exposures)
    if (x.lastSeen !== null && (seen === null || x.lastSeen > seen)) seen = x.lastSeen;
  if (seen !== null && Date.parse(observedAt) < Date.parse(seen) - GENERATION_LAG_MS)
    return `the export was generated at ${observedAt}, more than a day before the archive last saw an exposure (${seen}): it is older than what the archive holds`;
  return null;
}
