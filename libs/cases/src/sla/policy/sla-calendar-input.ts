import type { WorkingHours } from '../calendar/working-hours.js';
import type { CalendarMode } from './calendar-mode.js';

/** A tenant's calendar as an admin sets it; the time zone is the tenant's own. */
export interface SlaCalendarCommand {
  mode: CalendarMode;
  weeklyHours: readonly WorkingHours[];
  holidays: readonly string[];
}
