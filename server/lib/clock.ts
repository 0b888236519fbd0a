/** The current time in milliseconds; injected so tests can move time. */
export type Clock = () => number;

/** The real clock. */
export const systemClock: Clock = () => Date.now();

/** Unix seconds of a clock reading (how the database stores time). */
export function seconds(clock: Clock): number {
  return Math.floor(clock() / 1000);
}
