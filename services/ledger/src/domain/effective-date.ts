/** `YYYY-MM-DD`: the only date format entries and the export accept. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Building a formatter costs about 0.1 ms, as much CPU as the rest of a posting: one per zone, reused (formatting
// keeps no state). Bounded by the zones the runtime knows: an unknown one throws before it is stored.
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The accounting date of an instant in the ledger's business time zone (e.g. a 23:30 UTC confirmation is the next
 * day in Asia/Singapore). en-CA formats as YYYY-MM-DD.
 */
export function businessDate(instantMs: number, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(new Date(instantMs));
}

/** True when `value` is a real calendar date in YYYY-MM-DD form. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}
