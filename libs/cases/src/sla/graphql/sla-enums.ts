import { registerEnumType } from '@nestjs/graphql';
import { CaseSeverity } from '../../graphql/types/case-enums.js';
import { Weekday } from '../calendar/weekday.js';
import { CalendarMode } from '../policy/calendar-mode.js';

registerEnumType(CalendarMode, {
  name: 'SlaCalendarMode',
  description: 'Which time SLA clocks count.',
  valuesMap: {
    ALWAYS: { description: '24/7: every minute counts.' },
    BUSINESS_HOURS: {
      description: "The tenant's weekly working hours in its time zone, outside its holidays.",
    },
  },
});
registerEnumType(Weekday, { name: 'Weekday' });

// The case domain's severity enum, so that the schema has one.
export { CalendarMode, CaseSeverity, Weekday };
