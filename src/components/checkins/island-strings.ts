import { translate, type Locale, type MessageKey } from '../../../core/i18n/index.ts';

/** The UI strings an island needs, as the JSON for its `data-strings` attribute (placeholders left in). */
export function islandStrings(locale: Locale, keys: readonly MessageKey[]): string {
  return JSON.stringify(Object.fromEntries(keys.map((key) => [key, translate(locale, key)])));
}

/** The strings of the check-in widget, feed and leaderboards. */
export const checkinKeys = [
  'checkin.streak',
  'checkin.longest',
  'checkin.freezes',
  'checkin.freezesHelp',
  'checkin.makeup',
  'checkin.makeupLeft',
  'checkin.heatmap',
  'checkin.heatmapSummary',
  'checkin.outcome.checked_in',
  'checkin.outcome.made_up',
  'checkin.outcome.frozen',
  'checkin.outcome.missed',
  'checkin.done',
  'checkin.saved',
  'checkin.already',
  'checkin.error',
  // What a failed check-in or make-up can answer (apiErrorText in islands/api-client.ts).
  'error.busy',
  'error.makeup_limit',
  'error.makeup_not_allowed',
  'error.not_enough_points',
  'error.rate_limited',
  'error.unauthenticated',
  'error.invalid_input',
  'checkin.like',
  'checkin.locked',
  'checkin.viaLesson',
  'account.levelShort',
  'leaderboard.points',
  'leaderboard.me',
  'leaderboard.empty',
] as const satisfies readonly MessageKey[];
