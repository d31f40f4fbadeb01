"use strict"
/**
 * SQL fixtures shared by the bench and the reliability run: resources with
 * capacity in a few statements, calendar dates, and the check of invariant 1
 * over the capacity rows.
 */
const crypto = require("crypto")

/** Unguessable-enough ids in the module's shapes. */
function newId(prefix) {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
  let s = ""
  const bytes = crypto.randomBytes(26)
  for (let i = 0; i < 26; i++) s += alphabet[bytes[i] % 32]
  return `${prefix}_${s}`
}

/** `YYYY-MM-DD`, `offset` days after today (UTC); offsets ≥ 2 are in the future in every zone. */
function dayOffset(offset) {
  const d = new Date()
  d.setUTCHours(0, 0, 0, 0)
  d.setUTCDate(d.getUTCDate() + offset)
  return d.toISOString().slice(0, 10)
}

/** Today's `YYYY-MM-DD` in a time zone (the module's). */
function todayIn(timeZone) {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date())
}

/** `YYYY-MM-DD` plus `days` calendar days. */
function addDays(date, days) {
  const [y, m, d] = date.split("-").map(Number)
  return new Date(Date.UTC(y, m - 1, d) + days * 86400000).toISOString().slice(0, 10)
}

/** Minutes `timeZone` is ahead of UTC at instant `at` (ms), from Intl (the platform's zone database). */
function offsetMinutes(timeZone, at) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
      .formatToParts(new Date(at))
      .map((p) => [p.type, Number(p.value)])
  )
  return Math.round((Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute) - Math.floor(at / 60000) * 60000) / 60000)
}

/**
 * The first date from `from` on (within `days`) on which `timeZone` moves
 * its clocks forward, and a local time on the 5-minute grid that does not
 * exist that day (the middle of the gap: `{ date: "2027-03-28", time: "02:30" }`
 * in Europe/Berlin); null for a zone without such a change (Australia/Brisbane).
 * Lets a test of the spring gap run in whatever zone the app runs in.
 */
function nextSpringGap(timeZone, from, days = 366) {
  const STEP = 5 * 60000
  const noon = (date) => Date.parse(`${date}T12:00:00Z`)
  for (let i = -1; i < days; i++) {
    const start = noon(addDays(from, i))
    const end = start + 86400000
    const before = offsetMinutes(timeZone, start)
    const after = offsetMinutes(timeZone, end)
    if (after <= before) continue
    let at = start
    while (at < end && offsetMinutes(timeZone, at + STEP) === before) at += STEP
    // Local clocks jump from (at + STEP) + before to (at + STEP) + after: the middle of that, on the grid.
    const middle = at + STEP + (((before + after) / 2) * 60000)
    const local = new Date(Math.floor(middle / STEP) * STEP).toISOString()
    const gap = { date: local.slice(0, 10), time: local.slice(11, 16) }
    if (gap.date >= from) return gap
  }
  return null
}

/**
 * Creates `count` resources (type, name prefix) with capacity `max` on
 * dates today+fromOffset .. today+toOffset, in a few SQL statements. Returns ids.
 */
async function createResources(client, { count, prefix, max, fromOffset = 2, toOffset = 40, type = "VEHICLE" }) {
  const ids = Array.from({ length: count }, () => newId("res"))
  const names = ids.map((id, i) => `${prefix} ${i} ${id.slice(-6)}`)
  await client.query(
    `INSERT INTO resource (id, type, name, is_active) SELECT unnest($1::text[]), $3, unnest($2::text[]), true`,
    [ids, names, type]
  )
  await client.query(
    `INSERT INTO resource_capacity (id, resource_id, date, max_capacity, available_capacity)
     SELECT 'rcap_' || replace(gen_random_uuid()::text, '-', ''), r, d::date, $2, $2
     FROM unnest($1::text[]) AS r, generate_series($3::date, $4::date, interval '1 day') AS d`,
    [ids, max, dayOffset(fromOffset), dayOffset(toOffset)]
  )
  return ids
}

/**
 * Invariant 1 (and the CHECKs) over every capacity row, from SQL:
 * available ≥ 0, available ≤ max, and max − available = ACTIVE hold quantity
 * + active allocation quantity that deducted capacity. Returns the number of
 * violating rows and a sample.
 */
async function checkOversold(client, { resourceIds } = {}) {
  const filter = resourceIds ? `WHERE c.resource_id = ANY($1::text[])` : ""
  const { rows } = await client.query(
    `WITH held AS (
       SELECT h.resource_id, d AS date, sum(h.quantity)::int AS q
       FROM resource_hold h, unnest(h.dates) d WHERE h.status = 'ACTIVE'
       ${resourceIds ? "AND h.resource_id = ANY($1::text[])" : ""}
       GROUP BY 1, 2
     ),
     alloc AS (
       SELECT a.resource_id, d AS date, sum(a.quantity)::int AS q
       FROM resource_allocation a, unnest(a.dates) d
       WHERE a.status = 'ACTIVE' AND a.capacity_deducted AND a.deleted_at IS NULL
       ${resourceIds ? "AND a.resource_id = ANY($1::text[])" : ""}
       GROUP BY 1, 2
     )
     SELECT c.resource_id, c.date::text, c.max_capacity, c.available_capacity,
            coalesce(held.q, 0) AS held, coalesce(alloc.q, 0) AS allocated
     FROM resource_capacity c
     LEFT JOIN held ON held.resource_id = c.resource_id AND held.date = c.date
     LEFT JOIN alloc ON alloc.resource_id = c.resource_id AND alloc.date = c.date
     ${filter}`,
    resourceIds ? [resourceIds] : []
  )
  const bad = rows.filter(
    (r) =>
      r.available_capacity < 0 ||
      r.available_capacity > r.max_capacity ||
      r.max_capacity - r.available_capacity !== r.held + r.allocated
  )
  return { rows: rows.length, oversold: bad.length, sample: bad.slice(0, 5) }
}

module.exports = { newId, dayOffset, todayIn, addDays, nextSpringGap, createResources, checkOversold }
