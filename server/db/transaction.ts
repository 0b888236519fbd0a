import type { Client, Transaction } from '@libsql/client';

/**
 * Runs `work` in one write transaction: committed when it returns, rolled back when it throws, so
 * a half-finished write never stays. A transaction that only read commits harmlessly.
 */
export async function inWriteTransaction<T>(db: Client, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const tx = await db.transaction('write');
  try {
    const value = await work(tx);
    await tx.commit();
    return value;
  } catch (error) {
    await tx.rollback().catch(() => {});
    throw error;
  } finally {
    tx.close();
  }
}
