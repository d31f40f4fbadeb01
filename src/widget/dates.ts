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
