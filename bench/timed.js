"use strict"
/**
 * The bench's scenarios for resources booked by the time of day (issues 17
 * and 18): departures and appointments, through the store API of the server
 * bench/run.js started. Their resources are made through the admin API (the
 * appointment settings and departure schedules are validated there), their
 * live bookings through the store hold route. Each scenario is compared with
 * the framework floor measured in the same run (ratio_to_floor, set by
 * run.js); each ends with a correctness check from SQL.
 */
const lib = require("./lib")

const DEPARTURE_TIMES = ["07:00", "12:00", "16:30"]

/** The appointment resource of slots_http: 08:00–20:00 every day, 15-minute grid, 15 minutes after each booking, 5 units. */
const APPOINTMENT_SETTINGS = {
  working_hours: Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [String(d), [["08:00", "20:00"]]])),
  slot_minutes: 15,
  min_duration_minutes: 15,
  max_duration_minutes: 240,
  buffer_before_minutes: 0,
  buffer_after_minutes: 15,
  units: 5,
}

/** The race of appointment_hold_http: one unit... three units, open around the clock, buffers on both sides. */
const RACE_SETTINGS = {
  working_hours: Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [String(d), [["00:00", "24:00"]]])),
  slot_minutes: 15,
  min_duration_minutes: 30,
  max_duration_minutes: 120,
  buffer_before_minutes: 15,
  buffer_after_minutes: 15,
  units: 3,
}

async function admin(ctx, method, path, body) {
  const r = await lib.request({ port: ctx.port, method, path, headers: ctx.adminAuth, body })
  if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${r.text.slice(0, 300)}`)
  return r.body
}

async function createResource(ctx, body) {
  return (await admin(ctx, "POST", "/admin/resources", { type: "GUIDE", ...body })).resource.id
}

/**
 * Invariant 1 per departure, from SQL: for each departure capacity row of the
 * resources, 0 ≤ available ≤ max and max − available = the quantity of ACTIVE
 * holds and capacity-deducting allocations on that departure.
 */
async function checkDepartures(sql, resourceIds) {
  const { rows } = await sql.query(
    `WITH held AS (
       SELECT h.resource_id, d AS at, sum(h.quantity)::int AS q FROM resource_hold h, unnest(h.departures) d
       WHERE h.status = 'ACTIVE' AND h.resource_id = ANY($1::text[]) GROUP BY 1, 2),
     alloc AS (
       SELECT a.resource_id, d AS at, sum(a.quantity)::int AS q FROM resource_allocation a, unnest(a.departures) d
       WHERE a.status = 'ACTIVE' AND a.capacity_deducted AND a.deleted_at IS NULL AND a.resource_id = ANY($1::text[]) GROUP BY 1, 2)
     SELECT c.resource_id, c.date::text, c.start_time::text, c.max_capacity, c.available_capacity,
            coalesce(held.q, 0) AS held, coalesce(alloc.q, 0) AS allocated
     FROM resource_capacity c
     LEFT JOIN held ON held.resource_id = c.resource_id AND held.at = c.date + c.start_time
     LEFT JOIN alloc ON alloc.resource_id = c.resource_id AND alloc.at = c.date + c.start_time
     WHERE c.resource_id = ANY($1::text[])`,
    [resourceIds]
  )
  const bad = rows.filter(
    (r) => r.available_capacity < 0 || r.available_capacity > r.max_capacity || r.max_capacity - r.available_capacity !== r.held + r.allocated
  )
  return { rows: rows.length, oversold: bad.length, sample: bad.slice(0, 5) }
}

/**
 * "Never two bookings on one unit at once", from SQL: live occupancy rows of
 * one unit that overlap (buffers included), units outside 1..units, and live
 * holds whose occupancy rows do not add up to their quantity.
 */
async function checkAppointments(sql, resourceIds) {
  const overlap = Number(
    (
      await sql.query(
        `SELECT count(*) FROM resource_occupancy a JOIN resource_occupancy b
           ON b.resource_id = a.resource_id AND b.unit = a.unit AND b.id > a.id AND b.during && a.during AND b.live
         WHERE a.live AND a.resource_id = ANY($1::text[])`,
        [resourceIds]
      )
    ).rows[0].count
  )
  const units = Number(
    (
      await sql.query(
        `SELECT count(*) FROM resource_occupancy o JOIN resource r ON r.id = o.resource_id
         WHERE o.live AND o.resource_id = ANY($1::text[]) AND (o.unit < 1 OR o.unit > (r.appointment->>'units')::int)`,
        [resourceIds]
      )
    ).rows[0].count
  )
  const mismatched = Number(
    (
      await sql.query(
        `SELECT count(*) FROM resource_hold h
         WHERE h.resource_id = ANY($1::text[]) AND h.status = 'ACTIVE'
           AND h.quantity <> (SELECT count(*) FROM resource_occupancy o WHERE o.hold_id = h.id AND o.live)`,
        [resourceIds]
      )
    ).rows[0].count
  )
  return { oversold: overlap + units + mismatched, overlapping_pairs: overlap, units_out_of_range: units, holds_without_their_units: mismatched }
}

/** departure_hold_http: 32 clients, quantity 1, all on one departure of one resource. */
async function departureHold(ctx) {
  const { sql, N, CLIENTS } = ctx
  const id = await createResource(ctx, { name: "bench departure hot", booking_mode: "DEPARTURE" })
  const warm = await createResource(ctx, { name: "bench departure warm", booking_mode: "DEPARTURE" })
  for (const r of [id, warm]) {
    await admin(ctx, "POST", `/admin/resources/${r}/capacity`, {
      from: lib.dayOffset(2), to: lib.dayOffset(40), start_times: DEPARTURE_TIMES, duration_minutes: 90, max_capacity: 1_000_000,
    })
  }
  const departure = { date: lib.dayOffset(5), start_time: "16:30" }
  const noted = new Set()
  let n = 0
  const hold = (resource_id) => async () => {
    const r = await lib.request({
      port: ctx.port, method: "POST", path: "/store/resource-holds", headers: ctx.pk,
      body: { resource_id, departures: [departure], quantity: 1, customer_email: `dep${n++}@example.com` },
    })
    if (r.status !== 201 && !noted.has(r.status)) {
      noted.add(r.status)
      lib.log(`  POST /store/resource-holds (departure) answered ${r.status}: ${r.text.slice(0, 200)}`)
    }
    return r.status
  }
  lib.log(`Scenario departure_hold_http: ${N.hot} × POST /store/resource-holds on one departure, ${CLIENTS} clients`)
  await lib.runLoad({ clients: 8, requests: 100, maxSeconds: 30, op: hold(warm) })
  const stats = await ctx.measureLoad({ clients: CLIENTS, requests: N.hot, maxSeconds: N.secs, op: hold(id) })
  const check = await checkDepartures(sql, [id, warm])
  return { ...stats, oversold: check.oversold, oversold_sample: check.sample.length ? check.sample : undefined, departure }
}

/** departure_availability_http: 90 days × 3 departures over 20 departure resources with some holds. */
async function departureAvailability(ctx) {
  const { sql, N, CLIENTS, QUICK } = ctx
  const ids = []
  for (let i = 0; i < 20; i++) {
    const id = await createResource(ctx, { name: `bench departure avail ${i}`, booking_mode: "DEPARTURE" })
    await admin(ctx, "POST", `/admin/resources/${id}/capacity`, {
      from: lib.dayOffset(1), to: lib.dayOffset(100), start_times: DEPARTURE_TIMES, duration_minutes: 90, max_capacity: 50,
    })
    ids.push(id)
  }
  // Some seats taken on every resource (400 holds), so the read has holds to count.
  let n = 0
  await lib.runLoad({
    clients: 8, requests: 400, maxSeconds: 60,
    op: async () => {
      const i = n++
      const r = await lib.request({
        port: ctx.port, method: "POST", path: "/store/resource-holds", headers: ctx.pk,
        body: { resource_id: ids[i % ids.length], departures: [{ date: lib.dayOffset(2 + (i % 60)), start_time: DEPARTURE_TIMES[i % 3] }], quantity: 1 + (i % 3), customer_email: `depavail${i}@example.com` },
      })
      return r.status
    },
  })
  const from = lib.dayOffset(2)
  const to = lib.dayOffset(91) // 90 dates × 3 departures
  const pick = () => ids[Math.floor(Math.random() * ids.length)]
  const get = async () => (await lib.request({ port: ctx.port, path: `/store/resources/${pick()}/availability?from=${from}&to=${to}`, headers: ctx.pk })).status
  lib.log(`Scenario departure_availability_http: ${N.avail} × GET /store/resources/:id/availability (90 days × 3 departures), ${CLIENTS} clients`)
  await lib.runLoad({ clients: 8, requests: 300, maxSeconds: 30, op: get })
  const single = await lib.runLoad({ clients: 1, requests: QUICK ? 100 : 300, maxSeconds: 30, op: get })
  const stats = await ctx.measureLoad({ clients: CLIENTS, requests: N.avail, maxSeconds: N.secs, op: get })
  const sample = await lib.request({ port: ctx.port, path: `/store/resources/${ids[0]}/availability?from=${from}&to=${to}`, headers: ctx.pk })
  const dates = sample.body?.availability?.dates || sample.body?.dates || []
  const check = await checkDepartures(sql, ids)
  return {
    ...stats,
    oversold: check.oversold,
    single_client: { ops_per_s: single.ops_per_s, p50_ms: single.p50_ms, p99_ms: single.p99_ms },
    dates_per_answer: dates.length,
    departures_per_answer: dates.reduce((a, d) => a + (d.departures ? d.departures.length : 0), 0),
  }
}

/**
 * A month of an appointment resource with `count` live holds: each day from
 * `first`, starts every 75 minutes from 08:00 (60 minutes + the 15-minute
 * buffer), four holds of one unit each (units 1–4; unit 5 stays free), until
 * `count` holds are made. Made through the store route, 8 clients.
 */
async function bookMonth(ctx, id, { first, days, count }) {
  const plan = []
  for (let d = 0; d < days && plan.length < count; d++) {
    for (let k = 0; k < 9 && plan.length < count; k++) {
      const minutes = 8 * 60 + k * 75
      const start_time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`
      for (let u = 0; u < 4 && plan.length < count; u++) plan.push({ date: lib.addDays(first, d), start_time, duration_minutes: 60 })
    }
  }
  let i = 0
  const statuses = await lib.runLoad({
    clients: 8, requests: plan.length, maxSeconds: 300,
    op: async () => {
      const a = plan[i++]
      const r = await lib.request({
        port: ctx.port, method: "POST", path: "/store/resource-holds", headers: ctx.pk,
        body: { resource_id: id, appointment: a, quantity: 1, customer_email: `slot${i}@example.com` },
      })
      return r.status
    },
  })
  return statuses.statuses
}

/** slots_http: a 31-day slot search (60 minutes, quantity 1) on a resource with 1,000 live bookings in that month. */
async function slots(ctx) {
  const { sql, N, CLIENTS, QUICK } = ctx
  const id = await createResource(ctx, { name: "bench appointments month", booking_mode: "APPOINTMENT", appointment: APPOINTMENT_SETTINGS })
  const from = lib.dayOffset(2)
  const to = lib.dayOffset(32) // 31 dates
  const made = await bookMonth(ctx, id, { first: from, days: 31, count: 1000 })
  const live = Number((await sql.query(`SELECT count(*) FROM resource_hold WHERE resource_id = $1 AND status = 'ACTIVE'`, [id])).rows[0].count)
  lib.log(`Scenario slots_http: ${N.avail} × GET /store/resources/:id/slots (31 days, 60 minutes), ${CLIENTS} clients, ${live} live bookings (${JSON.stringify(made)})`)
  const path = `/store/resources/${id}/slots?from=${from}&to=${to}&duration_minutes=60&quantity=1`
  const get = async () => (await lib.request({ port: ctx.port, path, headers: ctx.pk })).status
  await lib.runLoad({ clients: 8, requests: 200, maxSeconds: 30, op: get })
  const single = await lib.runLoad({ clients: 1, requests: QUICK ? 50 : 200, maxSeconds: 30, op: get })
  const stats = await ctx.measureLoad({ clients: CLIENTS, requests: N.avail, maxSeconds: N.secs, op: get })
  const sample = await lib.request({ port: ctx.port, path, headers: ctx.pk })
  const days = sample.body?.slots?.dates || []
  const plan = (
    await sql.query(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT * FROM resource_booking_slots(ARRAY[$1]::text[], ARRAY[1], $2::date, $3::date, 60, $4)`,
      [id, from, to, ctx.timezone]
    )
  ).rows[0]["QUERY PLAN"][0]
  const check = await checkAppointments(sql, [id])
  return {
    ...stats,
    ...check,
    live_bookings: live,
    single_client: { ops_per_s: single.ops_per_s, p50_ms: single.p50_ms, p99_ms: single.p99_ms },
    dates_per_answer: days.length,
    slots_per_answer: days.reduce((a, d) => a + d.slots.length, 0),
    statement_ms: lib.round(plan["Execution Time"], 3),
    statement_buffers: plan.Plan["Shared Hit Blocks"] + plan.Plan["Shared Read Blocks"],
    resource_id: id,
  }
}

/**
 * appointment_hold_http: 32 clients racing for overlapping ranges on one
 * resource of 3 units: random starts (15-minute grid) and durations (30–120
 * minutes) over 30 days, so requests collide; 201 or 409 are both answers.
 */
async function appointmentHold(ctx) {
  const { sql, N, CLIENTS } = ctx
  const id = await createResource(ctx, { name: "bench appointment race", booking_mode: "APPOINTMENT", appointment: RACE_SETTINGS })
  const warm = await createResource(ctx, { name: "bench appointment warm", booking_mode: "APPOINTMENT", appointment: RACE_SETTINGS })
  const noted = new Set()
  let n = 0
  const hold = (resource_id) => async () => {
    const q = Math.floor(Math.random() * 96 * 30)
    const minutes = (q % 96) * 15
    const start_time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`
    const duration_minutes = 30 + 15 * Math.floor(Math.random() * 7)
    const r = await lib.request({
      port: ctx.port, method: "POST", path: "/store/resource-holds", headers: ctx.pk,
      body: { resource_id, appointment: { date: lib.dayOffset(3 + Math.floor(q / 96)), start_time, duration_minutes }, quantity: 1, customer_email: `race${n++}@example.com` },
    })
    if (r.status !== 201 && r.status !== 409 && !noted.has(r.status)) {
      noted.add(r.status)
      lib.log(`  POST /store/resource-holds (appointment) answered ${r.status}: ${r.text.slice(0, 200)}`)
    }
    return r.status
  }
  lib.log(`Scenario appointment_hold_http: ${N.hot} × POST /store/resource-holds, random overlapping ranges on one resource (3 units, 30 days), ${CLIENTS} clients`)
  await lib.runLoad({ clients: 8, requests: 100, maxSeconds: 30, op: hold(warm) })
  const stats = await ctx.measureLoad({ clients: CLIENTS, requests: N.hot, maxSeconds: N.secs, op: hold(id) })
  const check = await checkAppointments(sql, [id, warm])
  return { ...stats, ...check, held: stats.statuses["201"] || 0, refused: stats.statuses["409"] || 0 }
}

module.exports = { departureHold, departureAvailability, slots, appointmentHold, checkDepartures, checkAppointments, bookMonth, APPOINTMENT_SETTINGS }
