/** Display formats of the admin (calendar arithmetic is the module's: utils/dates). */

export const WEEKDAY_LABELS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "-"
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString()
}

export function formatDates(dates: string[]): string {
  if (dates.length <= 3) return dates.join(", ")
  return `${dates[0]} … ${dates[dates.length - 1]} (${dates.length} days)`
}

/** The server's message (Medusa error body), for forms to show. */
export function errorMessage(error: unknown): string {
  if (!error) return ""
  const message = (error as any)?.message
  return typeof message === "string" && message ? message : "Something went wrong"
}
