import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { UNAVAILABLE_REASONS } from "../constants"
import { conflict, holdLimit, invalid, mapLockError, notFound } from "../errors"
import { ResourceBookingOptions } from "../options"
import { listHoldsByToken } from "../repositories/hold-repository"
import { runSql, toPgArray } from "../repositories/sql"
import { CreateHoldGroupInput, CreateHoldGroupResult, ResourceHoldDTO } from "../types"
import { unguessableId } from "../utils/ids"
import { assertQuantity, validateHoldInput } from "../validation"

/** A hold id carries 128 random bits: knowing it is what lets a storefront read or release the hold. */
export function generateHoldId(): string {
  return unguessableId("hold")
}

type Problem = {
  resource_id: string
  date: string
  start_time?: string | null
  reason: string
  available: number | null
  rule?: string
  value?: unknown
  booking_mode?: string
}

/**
 * Takes one hold per item (a group), on every date or departure, all or
 * nothing: one call of resource_booking_try_create_holds, which locks the
 * items' resources (sorted), answers a known token (replay, or a conflict
 * when the request differs: resource_booking_token_verdict), checks the
 * resources and their booking mode, the booking rules, blackouts and
 * capacity (expiring lapsed holds on short keys first), and then inserts the
 * holds and takes their capacity with audit rows (ledger/sql/decision.ts).
 *
 * Outside a caller's transaction it runs in autocommit: one round trip, and
 * the locks last only while PostgreSQL runs the function (LOCKING.md, "the
 * hold path").
 */
export async function createHoldGroup(
  manager: SqlEntityManager,
  options: ResourceBookingOptions,
  input: CreateHoldGroupInput,
  ttlMinutes: number = options.holdTtlMinutes
): Promise<CreateHoldGroupResult> {
  const items = normalizeItems(input.items)
  const { dates, departures, appointment, email } = validateHoldInput(options, { ...input, quantity: 1 })
  const token = input.idempotency_token ?? generateHoldId().replace("rhold_", "auto_")
  const holdIds = items.map(() => generateHoldId())
  const common = [
    holdIds[0],
    token,
    email,
    Math.round(ttlMinutes * 60 * 1000) / 1000,
    input.metadata == null ? null : JSON.stringify(input.metadata),
  ]
  const itemsJson = JSON.stringify(items.map((item, index) => ({ ...item, hold_id: holdIds[index] })))
  const context = JSON.stringify({
    channel: input.channel ?? "storefront",
    client_keys: [...new Set(input.client_keys ?? [])],
    limits: {
      customer: options.maxActiveHoldsPerCustomer,
      client: options.maxActiveHoldsPerClient,
      octo: options.maxActiveHoldsPerResellerKey,
    },
  })
  const asked = appointment ? "appointment" : departures ? "departures" : "dates"
  let row: any
  try {
    ;[row] = appointment
      ? await runSql(
          manager,
          `SELECT * FROM resource_booking_try_create_appointment(?, ?, ?, ?::numeric, ?::jsonb, ?::date, ?::time, ?::int, ?::jsonb, ?, ?::jsonb)`,
          [...common, appointment.date, appointment.start_time, appointment.duration_minutes, itemsJson, options.timezone, context]
        )
      : await runSql(
          manager,
          `SELECT * FROM resource_booking_try_create_holds(?, ?, ?, ?::numeric, ?::jsonb, ?::date[], ?::timestamp[], ?::jsonb, ?, ?::jsonb)`,
          [...common, toPgArray(dates), departures ? toPgArray(departures) : null, itemsJson, options.timezone, context]
        )
  } catch (error) {
    mapLockError(error)
  }
  switch (row.verdict) {
    case "ok":
      return { holds: (row.holds as any[]).map(holdFromJson), group_id: holdIds[0], created: true }
    case "replay":
      return { holds: await listHoldsByToken(manager, token), group_id: row.existing_group_id, created: false }
    case "limit":
      throw holdLimit(row.problems)
    case "token_conflict":
      throw conflict("idempotency_token was already used with a different request")
    case "not_found":
      throw notFound(`Resource with id: ${(row.problems as string[]).join(", ")} was not found`)
    case "mode":
      throw invalid(modeMessage(row.problems as Problem[], asked))
    case "invalid":
      throw invalid(appointmentMessage(row.problems as Problem[]))
    case "rule":
      throw invalid(ruleMessage(row.problems as Problem[]))
    default:
      throw conflict(refusalMessage(row.problems as Problem[], items))
  }
}

function normalizeItems(items: CreateHoldGroupInput["items"]): { resource_id: string; quantity: number }[] {
  if (!Array.isArray(items) || !items.length) throw invalid("items must name at least one resource")
  const seen = new Set<string>()
  for (const item of items) {
    if (typeof item?.resource_id !== "string" || !item.resource_id) throw invalid("resource_id is required")
    assertQuantity(item.quantity)
    if (seen.has(item.resource_id)) throw invalid(`resource ${item.resource_id} is named twice`)
    seen.add(item.resource_id)
  }
  return [...items].map(({ resource_id, quantity }) => ({ resource_id, quantity })).sort((a, b) =>
    a.resource_id < b.resource_id ? -1 : 1
  )
}

/** jsonb rows of the function as the repositories read holds (hold-repository HOLD_COLUMNS). */
function holdFromJson(row: any): ResourceHoldDTO {
  return {
    id: row.id,
    group_id: row.group_id,
    resource_id: row.resource_id,
    dates: row.dates,
    departures: row.departures,
    appointment: row.appointment ?? null,
    starts_at: row.starts_at,
    ends_at: row.ends_at,
    quantity: row.quantity,
    customer_email: row.customer_email,
    status: row.status,
    expires_at: new Date(row.expires_at),
    confirmed_at: row.confirmed_at ? new Date(row.confirmed_at) : null,
    channel: row.channel,
    metadata: row.metadata,
    created_at: new Date(row.created_at),
    updated_at: new Date(row.updated_at),
  }
}

/** A request of one kind (dates, departures, an appointment) on a resource booked by another. */
function modeMessage(problems: Problem[], asked: "dates" | "departures" | "appointment"): string {
  const how: Record<string, string> = {
    DAY: "by the day: name dates",
    DEPARTURE: "by departure: name departures [{ date, start_time }]",
    APPOINTMENT: "by appointment: name appointment { date, start_time, duration_minutes }",
  }
  return problems
    .map((p) => `resource ${p.resource_id} is booked ${how[p.booking_mode ?? "DAY"]}, not ${asked}`)
    .join("; ")
}

/** An appointment that the resource's settings do not allow (400): each problem in words. */
function appointmentMessage(problems: (Problem & { problem?: string })[]): string {
  return problems
    .map((p) => {
      switch (p.problem) {
        case "duration_bounds":
          return `appointment.duration_minutes must be between ${(p.value as number[])[0]} and ${(p.value as number[])[1]} minutes on resource ${p.resource_id}`
        case "duration_grid":
          return `appointment.duration_minutes must be a multiple of ${p.value} minutes (the grid of resource ${p.resource_id})`
        case "units":
          return `quantity must be at most ${p.value} (the units of resource ${p.resource_id})`
        default:
          return `appointment.start_time ${p.value} is not a start on the grid inside the working hours of resource ${p.resource_id} that day`
      }
    })
    .join("; ")
}

export function ruleMessage(problems: { resource_id: string; rule?: string; value?: unknown }[]): string {
  return problems
    .map((p) => {
      switch (p.rule) {
        case "min_dates":
          return `booking_rules.min_dates: resource ${p.resource_id} needs at least ${p.value} dates per booking`
        case "max_dates":
          return `booking_rules.max_dates: resource ${p.resource_id} takes at most ${p.value} dates per booking`
        default:
          return `booking_rules.consecutive: resource ${p.resource_id} must be booked on consecutive dates`
      }
    })
    .join("; ")
}

/** The 409 of a refused hold: the first reason that applies (in UNAVAILABLE_REASONS order), naming resources and dates. */
function refusalMessage(problems: Problem[], items: { resource_id: string; quantity: number }[]): string {
  const reason = UNAVAILABLE_REASONS.find((r) => problems.some((p) => p.reason === r))!
  const byResource = new Map<string, string[]>()
  for (const p of problems.filter((p) => p.reason === reason)) {
    const key = p.start_time ? `${p.date} ${p.start_time}` : p.date
    byResource.set(p.resource_id, [...(byResource.get(p.resource_id) ?? []), key])
  }
  const single = items.length === 1
  return [...byResource]
    .map(([resourceId, dates]) => {
      const list = dates.join(", ")
      const quantity = items.find((item) => item.resource_id === resourceId)?.quantity
      switch (reason) {
        case "BLACKOUT":
          return `Resource ${resourceId} is blacked out on: ${list}`
        case "NO_CAPACITY":
          return `Resource ${resourceId} has no capacity on: ${list}`
        case "SOLD_OUT":
          return single
            ? `Not enough capacity for quantity ${quantity} on: ${list}`
            : `Not enough capacity on resource ${resourceId} for quantity ${quantity} on: ${list}`
        case "CUTOFF":
          return `Bookings for resource ${resourceId} are closed (cutoff or minimum notice passed) on: ${list}`
        case "STARTED":
          return `Resource ${resourceId}: these departures have already started: ${list}`
        case "OUTSIDE_WINDOW":
          return `Resource ${resourceId} cannot be booked that far ahead (booking window) on: ${list}`
        default:
          return `Resource ${resourceId} cannot be booked in the past: ${list}`
      }
    })
    .join("; ")
}
