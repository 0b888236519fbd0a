/** The reader as the access decision sees them: level plus grants resolved against the plans. */
import type { HotReads } from '../db/hot-reads.ts';
import type { Viewer } from '../../core/access.ts';
import type { Plan } from '../../core/plans.ts';
import { activeGrants, viewerFrom } from './grants.ts';

/** Loads the viewer for a signed-in member (one indexed query for their grants). */
export async function loadViewer(reads: HotReads, user: { id: string; level: number }, plans: readonly Plan[], now: number): Promise<Viewer> {
  return viewerFrom(user.level, await activeGrants(reads, user.id, now), plans);
}
