import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { conflict, invalid, notFound } from "./errors"
import { ruleMessage } from "./ledger/create-holds"
import { ResourceBookingOptions } from "./options"
import { readAvailability } from "./repositories/capacity-repository"
import { runSql, toPgArray } from "./repositories/sql"
import { generateWaitlistEntryId, insertWaitlistEntry } from "./repositories/waitlist-repository"
import { readSlots } from "./repositories/slots-repository"
import { AppointmentRequest, CreateWaitlistEntryInput } from "./types"
import { assertQuantity, validateHoldInput } from "./validation"

/**
 * Puts a request on the waitlist when it cannot be held now but could be
 * later: 400 for bad input or a broken booking rule (as a hold would answer),
 * 409 naming the dates when a date's cutoff has passed (it can never be
 * offered), 409 when every date could be held right now (the client should
 * book instead). Blackouts, missing capacity and sold-out dates may change,
 * so they are what an entry waits for.
 */
export async function createWaitlistEntry(
  tx: SqlEntityManager,
  options: ResourceBookingOptions,
  input: CreateWaitlistEntryInput
): Promise<string> {
  if ((input.resource_id == null) === (input.variant_id == null)) throw invalid("name either variant_id or resource_id")
  if (!Array.isArray(input.items) || !input.items.length) throw invalid("the request books no resource")
  for (const item of input.items) assertQuantity(item.quantity)
  const { dates, departures, appointment, email } = validateHoldInput(options, { ...input, quantity: input.quantity })
  if (appointment) return await createAppointmentWaitlistEntry(tx, options, { ...input, appointment, customer_email: email })
  const [{ problems }] = await runSql(tx, `SELECT resource_booking_shape_problems(?::jsonb, ?::date[]) AS problems`, [
    JSON.stringify(input.items),
    toPgArray(dates),
  ])
  if (problems) throw invalid(ruleMessage(problems))

  const rows = await readAvailability(tx, {
    items: input.items.map((item) => ({ resource_id: item.resource_id, needed: item.quantity })),
    from: dates[0],
    to: dates[dates.length - 1],
    timezone: options.timezone,
  })
  const missing = input.items.filter((item) => !rows.some((row) => row.resource_id === item.resource_id && row.resource_active))
  if (missing.length) throw notFound(`Resource with id: ${missing.map((item) => item.resource_id).join(", ")} was not found`)
  const wanted = departures ? "DEPARTURE" : "DAY"
  const wrongMode = input.items.filter((item) =>
    rows.some((row) => row.resource_id === item.resource_id && row.booking_mode !== wanted)
  )
  if (wrongMode.length) {
    throw invalid(
      departures
        ? `departures are for resources booked by departure: ${wrongMode.map((item) => item.resource_id).join(", ")}`
        : `resource ${wrongMode.map((item) => item.resource_id).join(", ")} is booked by departure: name departures, not dates`
    )
  }
  // The reason of every key the entry names (a departure without a row has no capacity yet).
  const keys = departures ?? dates
  const reasons = input.items.flatMap((item) =>
    keys.map((key) => {
      const row = rows.find(
        (row) => row.resource_id === item.resource_id && (departures ? `${row.date} ${row.start_time}` === key : row.date === key)
      )
      return { key, reason: row ? row.reason : "NO_CAPACITY" }
    })
  )
  const closed = [...new Set(reasons.filter((r) => r.reason === "CUTOFF" || r.reason === "STARTED").map((r) => r.key))]
  if (closed.length) throw conflict(`Bookings are closed (cutoff passed or started) on: ${closed.join(", ")}`)
  if (reasons.every((r) => !r.reason)) {
    throw conflict("These dates can be booked right now: book them instead of joining the waitlist")
  }
  const id = generateWaitlistEntryId()
  await insertWaitlistEntry(tx, { ...input, id, dates, departures: departures ?? undefined, customer_email: email })
  return id
}

/**
 * A waitlist entry for an appointment: 400 when the start is not on the
 * grid inside the working hours (it could never be offered), 409 when it has
 * started or its cutoff or notice has passed, 409 when it is free right now
 * (book it instead); otherwise it waits for the range to free.
 */
async function createAppointmentWaitlistEntry(
  tx: SqlEntityManager,
  options: ResourceBookingOptions,
  input: CreateWaitlistEntryInput & { appointment: AppointmentRequest; customer_email: string }
): Promise<string> {
  const { appointment } = input
  const items = input.items
  const [row] = await runSql(
    tx,
    `SELECT
       bool_and(r.booking_mode = 'APPOINTMENT') AS appointment_mode,
       bool_and(EXISTS (SELECT 1 FROM resource_booking_appointment_starts(r.id, ?::date, ?::date, ?, ?) s
                        WHERE s.start_time = ?::time)) AS on_grid,
       bool_or(resource_booking_rule_reason(r.booking_rules, ?::date, resource_booking_local_instant(?::date, ?::time, ?), now(), ?)
               IN ('PAST', 'STARTED', 'CUTOFF')) AS closed,
       count(*) AS found
     FROM resource r WHERE r.id = ANY(?::text[]) AND r.deleted_at IS NULL AND r.is_active`,
    [
      appointment.date, appointment.date, appointment.duration_minutes, options.timezone, appointment.start_time,
      appointment.date, appointment.date, appointment.start_time, options.timezone, options.timezone,
      toPgArray(items.map((item) => item.resource_id)),
    ]
  )
  if (Number(row.found) !== items.length) throw notFound(`Resource with id: ${items.map((item) => item.resource_id).join(", ")} was not found`)
  if (!row.appointment_mode) throw invalid("appointment is for resources booked by appointment")
  if (!row.on_grid) {
    throw invalid(`appointment.start_time ${appointment.start_time} is not a start on the grid inside the working hours that day`)
  }
  if (row.closed) throw conflict(`Bookings are closed (cutoff passed or started) on: ${appointment.date} ${appointment.start_time}`)
  const free = await readSlots(tx, {
    items: items.map((item) => ({ resource_id: item.resource_id, needed: item.quantity })),
    from: appointment.date,
    to: appointment.date,
    duration: appointment.duration_minutes,
    timezone: options.timezone,
  })
  if (items.every((item) => free.some((slot) => slot.resource_id === item.resource_id && slot.start_time === appointment.start_time))) {
    throw conflict("This time can be booked right now: book it instead of joining the waitlist")
  }
  const id = generateWaitlistEntryId()
  await insertWaitlistEntry(tx, { ...input, id, dates: [appointment.date], departures: undefined, appointment })
  return id
}
