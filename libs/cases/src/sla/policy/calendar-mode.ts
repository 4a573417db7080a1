/** Which time an SLA clock counts. */
export enum CalendarMode {
  /** 24/7: every minute counts. */
  ALWAYS = 'ALWAYS',
  /** Only the tenant's weekly working hours, in its time zone, outside its holidays. */
  BUSINESS_HOURS = 'BUSINESS_HOURS',
}
