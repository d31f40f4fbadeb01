import { zoneOffsetMs } from "../zoned-time"

/**
 * VTIMEZONE components (RFC 5545 §3.6.5) from the platform's time-zone
 * database (Intl, the same rules `toZonedIso` formats instants with), so a
 * `DTSTART;TZID=…` local time and its VTIMEZONE always give back the instant
 * it was written from. Each observance is one explicit onset (DTSTART,
 * TZOFFSETFROM, TZOFFSETTO, no RRULE) over the span the calendar's events
 * cover: no rule is guessed for years the calendar does not show.
 */

const DAY_MS = 24 * 60 * 60 * 1000

export type ZoneTransition = {
  /** The first instant (ms, whole seconds) with the new offset. */
  at: number
  /** Offsets before and after, in ms to add to UTC. */
  before: number
  after: number
}

/**
 * The offset changes of `timeZone` in (from, to]: the zone is sampled once a
 * day and each change found to the second by bisection (real zones never
 * change twice within a day).
 */
export function zoneTransitions(timeZone: string, from: number, to: number): ZoneTransition[] {
  const transitions: ZoneTransition[] = []
  let at = Math.floor(from / 1000) * 1000
  let offset = zoneOffsetMs(timeZone, at)
  while (at < to) {
    const next = Math.min(at + DAY_MS, Math.ceil(to / 1000) * 1000)
    const nextOffset = zoneOffsetMs(timeZone, next)
    if (nextOffset === offset) {
      at = next
      continue
    }
    // Offset at `low` is the old one, at `high` not: bisect to one second.
    let low = at
    let high = next
    while (high - low > 1000) {
      const middle = low + Math.floor((high - low) / 2000) * 1000
      if (zoneOffsetMs(timeZone, middle) === offset) low = middle
      else high = middle
    }
    const after = zoneOffsetMs(timeZone, high)
    transitions.push({ at: high, before: offset, after })
    at = high
    offset = after
  }
  return transitions
}

/**
 * True when the local time `at` shows in `timeZone` happens twice (the autumn
 * overlap): written as a local time with TZID it would be ambiguous (RFC 5545
 * reads it as the first occurrence), so such an instant is written in UTC.
 */
export function isAmbiguousLocalTime(timeZone: string, at: number): boolean {
  const offset = zoneOffsetMs(timeZone, at)
  const wall = at + offset
  for (const probe of [at - DAY_MS, at + DAY_MS]) {
    const other = zoneOffsetMs(timeZone, probe)
    if (other === offset) continue
    const twin = wall - other
    if (twin !== at && zoneOffsetMs(timeZone, twin) === other) return true
  }
  return false
}

/** `+0200`, `-0330`, `+053030` (seconds only when there are some). */
function formatOffset(ms: number): string {
  const sign = ms < 0 ? "-" : "+"
  const total = Math.round(Math.abs(ms) / 1000)
  const hh = String(Math.floor(total / 3600)).padStart(2, "0")
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, "0")
  const ss = total % 60
  return `${sign}${hh}${mm}${ss ? String(ss).padStart(2, "0") : ""}`
}

/** A local wall time (`at` + `offset`) as an RFC 5545 local DATE-TIME. */
function formatLocal(at: number, offset: number): string {
  return new Date(at + offset).toISOString().slice(0, 19).replace(/[-:]/g, "")
}

/** DAYLIGHT when the offset is above the zone's smaller offset of that year (January or July), else STANDARD. */
function observanceKind(timeZone: string, at: number, offset: number): "STANDARD" | "DAYLIGHT" {
  const year = new Date(at).getUTCFullYear()
  const standard = Math.min(zoneOffsetMs(timeZone, Date.UTC(year, 0, 1)), zoneOffsetMs(timeZone, Date.UTC(year, 6, 1)))
  return offset > standard ? "DAYLIGHT" : "STANDARD"
}

/**
 * The VTIMEZONE of `timeZone` for events between `from` and `to` (ms): the
 * observance in force at `from` (onset `from`) and one per change up to `to`.
 * CRLF line ends; every line is far below 75 octets.
 */
export function vtimezone(timeZone: string, from: number, to: number): string {
  const start = Math.floor(from / 1000) * 1000
  const initial = zoneOffsetMs(timeZone, start)
  const observances = [
    { at: start, before: initial, after: initial },
    ...zoneTransitions(timeZone, start, to),
  ].map(({ at, before, after }) => {
    const kind = observanceKind(timeZone, at, after)
    return [
      `BEGIN:${kind}`,
      // The onset is given as the local time before the change (RFC 5545 §3.6.5).
      `DTSTART:${formatLocal(at, before)}`,
      `TZOFFSETFROM:${formatOffset(before)}`,
      `TZOFFSETTO:${formatOffset(after)}`,
      `END:${kind}`,
    ]
  })
  return ["BEGIN:VTIMEZONE", `TZID:${timeZone}`, `X-LIC-LOCATION:${timeZone}`, ...observances.flat(), "END:VTIMEZONE"].join("\r\n")
}
