import type Database from 'libsql';

type Statement = ReturnType<InstanceType<typeof Database>['prepare']>;

/**
 * Statements of one `libsql` connection prepared once per SQL text (at most `keep` of them: the
 * callers run a few dozen texts, so the limit only guards against a caller building SQL per value).
 */
export function statementCache(db: InstanceType<typeof Database>, keep = 500, raw = false): (sql: string) => Statement {
  const prepared = new Map<string, Statement>();
  return (sql) => {
    let found = prepared.get(sql);
    if (!found) {
      found = raw ? db.prepare(sql).raw(true) : db.prepare(sql);
      if (prepared.size >= keep) prepared.delete(prepared.keys().next().value!);
      prepared.set(sql, found);
    }
    return found;
  };
}
