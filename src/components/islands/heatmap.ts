/**
 * The check-in calendar of the last 365 days: one square per day, weeks as columns (GitHub's and
 * Duolingo's layout), coloured by what happened. Plain DOM and CSS grid: no chart library needed
 * for squares, and it prints and reads the same without JavaScript-heavy SVG.
 */
import { shiftDay } from '../../../core/calendar.ts';
import type { DayOutcome as Outcome } from '../../../core/streaks.ts';
import { el } from './api-client.ts';

/** Draws the heatmap into `container`, ending at `today`; `label(outcome)` names each state for titles. */
export function renderHeatmap(
  container: HTMLElement,
  input: { today: string; days: string[]; outcomes?: { day: string; outcome: Outcome }[] },
  label: (outcome: Outcome | 'none') => string,
  summary: string,
): void {
  const outcome = new Map<string, Outcome>((input.outcomes ?? []).map((o) => [o.day, o.outcome]));
  for (const day of input.days) if (!outcome.has(day)) outcome.set(day, 'checked_in');
  const first = shiftDay(input.today, -364);
  // Start on the Monday on or before the first day, so each column is one week.
  const weekday = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7;
  const grid = el('div', 'heatmap-grid');
  grid.setAttribute('role', 'img');
  grid.setAttribute('aria-label', summary);
  for (let i = -weekday; i <= 364; i++) {
    const day = shiftDay(first, i);
    const cell = el('span', 'heatmap-cell');
    if (i < 0) cell.classList.add('heatmap-pad');
    else {
      const state = outcome.get(day) ?? 'none';
      cell.dataset.day = day;
      cell.dataset.outcome = state;
      cell.title = `${day} · ${label(state)}`;
    }
    grid.append(cell);
  }
  const legend = el('p', 'heatmap-legend muted');
  for (const state of ['checked_in', 'made_up', 'frozen', 'missed'] as const) {
    const item = el('span', 'heatmap-key');
    const swatch = el('span', 'heatmap-cell');
    swatch.dataset.outcome = state;
    item.append(swatch, ` ${label(state)}`);
    legend.append(item);
  }
  container.replaceChildren(grid, legend);
  // On a narrow screen the year scrolls sideways: start at today's end, the part a member looks for.
  const scroller = container.closest<HTMLElement>('[tabindex]') ?? container;
  scroller.scrollLeft = scroller.scrollWidth;
}
