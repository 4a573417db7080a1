/**
 * The timestamp forms the Security Hub API accepts (API reference, "Timestamps"): date and time, up to 9
 * fractional digits, then Z or an offset +HH, +HH:MM or +HHMM. Date.parse alone is too lenient (it takes
 * "March 7" or "2024/01/02"), so the shape is checked first.
 */
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2})(?::?(\d{2}))?)$/;
const MAX_OFFSET_MINUTES = 18 * 60;

/**
 * The instant a Security Hub / GuardDuty timestamp denotes, or undefined when it is not one. Every pushed
 * finding carries four of these: the fields are checked and combined as numbers, without building a date
 * string for Date to parse and printing it back to compare (a measurable share of the API's time per finding).
 */
export function parseTimestamp(value: string): Date | undefined {
  const match = TIMESTAMP.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction = '', zone, sign, offsetHours, offsetMinutes = '0'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  // Rejects impossible calendar values such as 2024-02-30 or 24:00, which Date would otherwise roll over.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  if (zone !== 'Z') {
    const minutes = Number(offsetMinutes);
    offset = Number(offsetHours) * 60 + minutes;
    if (minutes > 59 || offset > MAX_OFFSET_MINUTES) return undefined;
    if (sign === '-') offset = -offset;
  }
  // JavaScript dates keep milliseconds: finer fractions are cut, never rounded into the next second.
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second, millis));
  // Date.UTC reads years 0-99 as 1900-1999: the calendar date is set on its own.
  date.setUTCFullYear(year, month - 1, day);
  return new Date(date.getTime() - offset * 60_000);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
