/**
 * Calendar dates as `YYYY-MM-DD` strings, computed in UTC so that the
 * browser's own time zone never shifts a day (the server decides what "today"
 * is in the module's time zone and says so with the PAST reason).
 */

export function toUtc(date: string): Date {
  const [y, m, d] = date.split("-").map(Number)
  return new Date(Date.UTC(y, m - 1, d))
}

export function iso(d: Date): string {
  return d.toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  return iso(new Date(toUtc(date).getTime() + days * 86_400_000))
}

export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000)
}

/** `YYYY-MM` of a date. */
export function monthOf(date: string): string {
  return date.slice(0, 7)
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number)
  const d = new Date(Date.UTC(y, m - 1 + n, 1))
  return iso(d).slice(0, 7)
}

export function firstOfMonth(month: string): string {
  return `${month}-01`
}

export function lastOfMonth(month: string): string {
  return addDays(firstOfMonth(addMonths(month, 1)), -1)
}

/** Today in the browser (a starting month only; the server says which dates are past). */
export function localToday(): string {
  const now = new Date()
  const p = (n: number) => String(n).padStart(2, "0")
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}

/** Weeks of the month as rows of 7 (null outside the month), weeks starting on weekStart (0 = Sunday). */
export function monthWeeks(month: string, weekStart: number): (string | null)[][] {
  const first = firstOfMonth(month)
  const last = lastOfMonth(month)
  const lead = (toUtc(first).getUTCDay() - weekStart + 7) % 7
  const cells: (string | null)[] = Array.from({ length: lead }, () => null)
  for (let d = first; d <= last; d = addDays(d, 1)) cells.push(d)
  while (cells.length % 7) cells.push(null)
  const weeks: (string | null)[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}

/** True when the sorted dates are a run of consecutive days. */
export function isConsecutive(sorted: string[]): boolean {
  return sorted.every((d, i) => i === 0 || daysBetween(sorted[i - 1], d) === 1)
}

export function formatDate(date: string, locale: string, opts: Intl.DateTimeFormatOptions): string {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone: "UTC", ...opts }).format(toUtc(date))
  } catch (e) {
    return new Intl.DateTimeFormat("en", { timeZone: "UTC", ...opts }).format(toUtc(date))
  }
}

/** "Fri 4 Dec – Sun 6 Dec 2026" for a run, else a list. */
export function describeDates(dates: string[], locale: string): string {
  if (!dates.length) return ""
  const sorted = [...dates].sort()
  const short = (d: string) => formatDate(d, locale, { weekday: "short", day: "numeric", month: "short" })
  const year = formatDate(sorted[sorted.length - 1], locale, { year: "numeric" })
  if (sorted.length === 1) return `${formatDate(sorted[0], locale, { weekday: "short", day: "numeric", month: "short", year: "numeric" })}`
  if (isConsecutive(sorted)) return `${short(sorted[0])} – ${short(sorted[sorted.length - 1])} ${year}`
  return `${sorted.map(short).join(", ")} ${year}`
}

// ------------------------------------------------------------------ times of day

/**
 * The wall clock of an instant as the server wrote it: ISO 8601 with the
 * shop's zone's offset at that instant ("2027-03-28T07:00:00+02:00"), so its
 * date and time are already the shop's local ones. Read from the text, never
 * through the browser's zone.
 */
export function wallClock(instant: string): { date: string; time: string; offset: string } {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(instant.trim())
  if (!m) return { date: instant.slice(0, 10), time: instant.slice(11, 16), offset: "" }
  return { date: m[1], time: m[2], offset: m[3] === "Z" ? "+00:00" : (m[3] ?? "") }
}

/** "16:30" in the locale's own way of writing a 24-hour time (the shop's time, not the browser's). */
export function formatTime(time: string, locale: string): string {
  const [h, min] = time.split(":").map(Number)
  const at = new Date(Date.UTC(2000, 0, 1, h, min))
  const opts: Intl.DateTimeFormatOptions = { timeZone: "UTC", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
  try {
    return new Intl.DateTimeFormat(locale, opts).format(at)
  } catch (e) {
    return time
  }
}

/** "UTC+10:00" of an instant's offset ("UTC" for +00:00). */
export function offsetLabel(instant: string): string {
  const { offset } = wallClock(instant)
  return offset ? `UTC${offset === "+00:00" ? "" : offset}` : ""
}

/**
 * A departure's times, "16:30–18:00": with the end's date when it ends on a
 * later date, and with both offsets when the clocks change during it (an
 * autumn night's 02:30–02:30 says which 02:30 is which).
 */
export function formatSpan(span: { starts_at: string; ends_at: string }, locale: string): string {
  const start = wallClock(span.starts_at)
  const end = wallClock(span.ends_at)
  const shift = start.offset !== end.offset
  const at = (instant: string, w: typeof start) => `${formatTime(w.time, locale)}${shift ? ` (${offsetLabel(instant)})` : ""}`
  const endDay = end.date !== start.date ? `${formatDate(end.date, locale, { weekday: "short", day: "numeric", month: "short" })}, ` : ""
  return `${at(span.starts_at, start)}–${endDay}${at(span.ends_at, end)}`
}

/** "Sat 12 Dec 2026, 16:30–18:00"; several departures, one after the other. */
export function describeDepartures(departures: { date: string; starts_at: string; ends_at: string }[], locale: string): string {
  const sorted = [...departures].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at))
  return sorted
    .map((d) => `${formatDate(d.date, locale, { weekday: "short", day: "numeric", month: "short", year: "numeric" })}, ${formatSpan(d, locale)}`)
    .join("; ")
}
