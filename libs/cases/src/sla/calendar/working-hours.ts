import { Weekday } from './weekday.js';

/**
 * One span of working time on a weekday, in the tenant's local time: "09:00" to "17:30". `end` may be
 * "24:00" (the end of the day). A night shift across midnight is two spans (22:00-24:00, 00:00-06:00).
 */
export interface WorkingHours {
  day: Weekday;
  start: string;
  end: string;
}

const HH_MM = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** Minutes since local midnight of "HH:mm" (00:00 to 24:00), or null when malformed. */
export function minuteOfDay(value: string): number | null {
  const match = HH_MM.exec(value);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

/** Why these weekly hours are unusable, or null when they are fine. */
export function weeklyHoursProblem(hours: readonly WorkingHours[]): string | null {
  if (hours.length === 0) return 'business hours need at least one span of working time';
  const byDay = new Map<Weekday, [number, number][]>();
  for (const span of hours) {
    const start = minuteOfDay(span.start);
    const end = minuteOfDay(span.end);
    if (start === null || end === null) {
      return `${span.day} ${span.start}-${span.end}: times are HH:mm, from 00:00 to 24:00`;
    }
    if (start >= end) return `${span.day} ${span.start}-${span.end}: the span must end after it starts`;
    const spans = byDay.get(span.day) ?? [];
    spans.push([start, end]);
    byDay.set(span.day, spans);
  }
  for (const [day, spans] of byDay) {
    spans.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) {
      if (spans[i][0] < spans[i - 1][1]) return `${day}: working spans overlap`;
    }
  }
  return null;
}
