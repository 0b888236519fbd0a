/**
 * Retries `work` while SQLite answers "busy" at once. Opening a new database file from two processes
 * (switching it to WAL, reading its schema) can be refused without the busy timeout being consulted;
 * a short wait and another try is all it needs. Gives up after `attempts`.
 */
export async function retryWhileBusy<T>(work: () => T | Promise<T>, attempts = 50): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !/SQLITE_BUSY|database is locked/.test(String((error as Error).message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
    }
  }
}
