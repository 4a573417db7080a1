/**
 * The timestamp forms the Security Hub API accepts (API reference, "Timestamps"): date and time, up to 9
 * fractional digits, then Z or an offset +HH, +HH:MM or +HHMM. Date.parse alone is too lenient (it takes
 * "March 7" or "2024/01/02"), so the shape is checked first.
 */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|[+-]\d{2}(?::?\d{2})?)$/;
const MAX_OFFSET_MINUTES = 18 * 60;

/** The instant a Security Hub / GuardDuty timestamp denotes, or undefined when it is not one. */
export function parseTimestamp(value: string): Date | undefined {
  const match = TIMESTAMP.exec(value);
  if (!match) return undefined;
  const [, dateTime, fraction = '', zone] = match;
  let offset = 'Z';
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2) || '0');
    if (minutes > 59 || hours * 60 + minutes > MAX_OFFSET_MINUTES) return undefined;
    offset = `${zone[0]}${digits.slice(0, 2)}:${String(minutes).padStart(2, '0')}`;
  }
  // JavaScript dates keep milliseconds: finer fractions are cut, never rounded into the next second.
  const millis = fraction.slice(0, 4);
  const date = new Date(`${dateTime}${millis}${offset}`);
  // Rejects impossible calendar values such as 2024-02-30, which Date would otherwise roll over.
  if (Number.isNaN(date.getTime()) || !sameCalendarDate(dateTime, date, offset)) return undefined;
  return date;
}

function sameCalendarDate(dateTime: string, date: Date, offset: string): boolean {
  const sign = offset === 'Z' ? 0 : offset[0] === '-' ? -1 : 1;
  const offsetMinutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6) || '0'));
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  return local.toISOString().slice(0, 19) === dateTime;
}
