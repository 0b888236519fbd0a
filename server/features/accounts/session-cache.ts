/**
 * Validated sessions remembered while the database is unchanged. A request with a remembered
 * session asks the database one cheap question, "has anything been committed since?" (`PRAGMA
 * data_version` on the reader's connection, which sees commits from every process); only while the
 * answer is "no" does the remembered session stand in for reading it again. A session read anew
 * brings the version it was read at in its row, where the reads can tell it. Signing out, a new
 * grant, anything written anywhere, changes the version, so a signed-out session never lives on.
 * Time still runs: expiry and grant ends are checked against `now` on every use, and a session due
 * for renewal is read (and renewed) the ordinary way.
 */
import type { Client } from '@libsql/client';
import { isGrantActive } from '../../../core/access.ts';
import type { HotReads } from './hot-reads.ts';
import { SESSION_TTL_SECONDS, validateSessionToken } from './sessions.ts';

type Validated = NonNullable<Awaited<ReturnType<typeof validateSessionToken>>>;

/** The data version a request's session was checked at, and the function (one connection's counter) it came from. */
export interface ReadVersion {
  of: () => number;
  value: number;
}

/** A session validator for one database; remembers at most `maxEntries` sessions. */
export function sessionValidator(db: Client, reads: HotReads, maxEntries = 10_000) {
  const remembered = new Map<string, { version: number; found: Validated }>();
  return async function validateSession(token: string, now: number): Promise<(Validated & { readVersion?: ReadVersion }) | null> {
    const hit = remembered.get(token);
    // Asked first only when a remembered session may stand in, or when the read cannot tell its version.
    const before = reads.dataVersion && (hit || !reads.versionInRow) ? reads.dataVersion() : undefined;
    if (hit && before !== undefined && hit.version === before && hit.found.session.expiresAt - now >= SESSION_TTL_SECONDS / 2) {
      const grants = hit.found.grants.filter((g) => isGrantActive(g, now));
      // Handed on with the session, so later reads of this request on the same connection need not ask again.
      return { ...hit.found, grants, refreshed: false, readVersion: { of: reads.dataVersion!, value: before } };
    }
    const found = await validateSessionToken(db, token, now, reads);
    remembered.delete(token);
    // Stored under the version the row was read at (or, when the read cannot tell, the one seen
    // *before* it): any commit since (a renewal just made, or a sign-out elsewhere racing this
    // read) makes the next request read again.
    const version = reads.dataVersion ? (found?.readAt ?? before) : undefined;
    if (found && version !== undefined) {
      if (remembered.size >= maxEntries) remembered.delete(remembered.keys().next().value!);
      remembered.set(token, { version, found });
    }
    return found && { ...found, ...(version === undefined ? {} : { readVersion: { of: reads.dataVersion!, value: version } }) };
  };
}
