import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { invalid, notFound } from "./errors"
import { ResourceBookingOptions } from "./options"
import { AvailabilityRow } from "./repositories/capacity-repository"
import { listDayHours } from "./repositories/hours-repository"
import { readSlots, readUnitTimeline, SlotRow } from "./repositories/slots-repository"
import { runSql, toPgArray } from "./repositories/sql"
import { AppointmentSettings, AvailabilityDTO, ManifestDTO, SlotDTO, SlotsDTO, UnavailableReason } from "./types"
import { countDatesInclusive, datesInRange } from "./utils/dates"
import { assertQuantity, assertRange } from "./validation"

/**
 * Reads of APPOINTMENT resources (contract "Appointments"): the slot search
 * for a resource or a variant's resources, availability by date, the day's
 * timeline per unit. The grid, the units and the rules are decided in SQL
 * (ledger/sql/appointments.ts), the same functions the hold decision uses.
 */

/** The most dates one slot search may cover. */
export const MAX_SLOT_RANGE_DAYS = 62

type Item = { resource_id: string; units: number }

/** The resources' appointment settings; 404 for a missing one, 400 for one not booked by appointment. */
async function settingsOf(manager: SqlEntityManager, resourceIds: string[]): Promise<Map<string, AppointmentSettings>> {
  const rows = await runSql<{ id: string; booking_mode: string; appointment: AppointmentSettings; is_active: boolean }>(
    manager,
    `SELECT id, booking_mode, appointment, is_active FROM resource WHERE id = ANY(?::text[]) AND deleted_at IS NULL`,
    [toPgArray(resourceIds)]
  )
  const missing = resourceIds.filter((id) => !rows.some((row) => row.id === id && row.is_active))
  if (missing.length) throw notFound(`Resource with id: ${missing.join(", ")} was not found`)
  const other = rows.filter((row) => row.booking_mode !== "APPOINTMENT")
  if (other.length) {
    throw invalid(`resource ${other.map((row) => row.id).join(", ")} is booked ${other[0].booking_mode === "DEPARTURE" ? "by departure" : "by the day"}, not by appointment`)
  }
  return new Map(rows.map((row) => [row.id, row.appointment]))
}

/** `duration_minutes` within every resource's bounds and on its grid (400 naming it). */
function assertDuration(settings: Map<string, AppointmentSettings>, duration: number): void {
  if (!Number.isInteger(duration) || duration < 1) throw invalid("duration_minutes must be an integer of at least 1")
  for (const [id, s] of settings) {
    if (duration < s.min_duration_minutes || duration > s.max_duration_minutes) {
      throw invalid(`duration_minutes must be between ${s.min_duration_minutes} and ${s.max_duration_minutes} (resource ${id})`)
    }
    if (duration % s.slot_minutes !== 0) {
      throw invalid(`duration_minutes must be a multiple of ${s.slot_minutes} (the grid of resource ${id})`)
    }
  }
}

/**
 * The starts every item's resource has free for `quantity` (× units), keyed
 * by instant: a variant's slots (a room and a guide together). For one
 * resource, its own slots. One pass: each item's rows are indexed by instant
 * first (looking each start up in the other lists was quadratic: 0.5 s of
 * CPU for a month of 1,400 starts, issue 18's bench).
 */
function commonSlots(items: Item[], rows: SlotRow[]): Map<number, SlotDTO & { date: string }> {
  const byItem = items.map((item) => {
    const starts = new Map<number, SlotRow>()
    for (const row of rows) if (row.resource_id === item.resource_id) starts.set(new Date(row.starts_at).getTime(), row)
    return starts
  })
  const common = new Map<number, SlotDTO & { date: string }>()
  for (const [key, row] of byItem[0]) {
    const matches = byItem.map((starts) => starts.get(key))
    if (matches.some((match) => !match)) continue
    common.set(key, {
      date: row.date,
      start_time: row.start_time,
      starts_at: row.starts_at as any,
      ends_at: row.ends_at as any,
      available_units: Math.min(...matches.map((match, index) => Math.floor(match!.available_units / items[index].units))),
    })
  }
  return common
}

/** Slots by date, in the order given. */
function slotsByDate(slots: (SlotDTO & { date: string })[]): Map<string, (SlotDTO & { date: string })[]> {
  const byDate = new Map<string, (SlotDTO & { date: string })[]>()
  for (const slot of slots) {
    const list = byDate.get(slot.date)
    if (list) list.push(slot)
    else byDate.set(slot.date, [slot])
  }
  return byDate
}

/**
 * Slots of a resource (one item, units 1) or of a variant's resources: every
 * free start of an appointment of `duration_minutes` from..to (at most 62
 * dates), one query (resource_booking_slots), in start order per date.
 */
export async function searchSlots(
  manager: SqlEntityManager,
  options: ResourceBookingOptions,
  input: { items: Item[]; from: string; to: string; duration_minutes: number; quantity?: number }
): Promise<Omit<SlotsDTO, "resource_id" | "variant_id">> {
  const quantity = input.quantity ?? 1
  assertQuantity(quantity)
  assertRange(options, input.from, input.to)
  if (countDatesInclusive(input.from, input.to) > MAX_SLOT_RANGE_DAYS) {
    throw invalid(`from..to covers ${countDatesInclusive(input.from, input.to)} dates; a slot search covers at most ${MAX_SLOT_RANGE_DAYS}`)
  }
  const settings = await settingsOf(manager, input.items.map((item) => item.resource_id))
  assertDuration(settings, input.duration_minutes)
  const rows = await readSlots(manager, {
    items: input.items.map((item) => ({ resource_id: item.resource_id, needed: quantity * item.units })),
    from: input.from,
    to: input.to,
    duration: input.duration_minutes,
    timezone: options.timezone,
  })
  const byDate = slotsByDate([...commonSlots(input.items, rows).values()])
  return {
    from: input.from,
    to: input.to,
    duration_minutes: input.duration_minutes,
    quantity,
    dates: datesInRange(input.from, input.to).map((date) => ({
      date,
      slots: (byDate.get(date) ?? []).map(({ date: _date, ...slot }) => slot),
    })),
  }
}

/**
 * Availability by date of APPOINTMENT resources (a calendar's view): a date
 * is available when an appointment of the shortest duration (the longest of
 * the resources' minimums) has a free start that day. `max_capacity` is the
 * units, `available_capacity` the most units free at one start. A date
 * without a free start is NO_CAPACITY when it has no working hours, else
 * SOLD_OUT, unless a date reason applies first (PAST, CUTOFF, OUTSIDE_WINDOW,
 * BLACKOUT).
 */
export async function appointmentAvailability(
  manager: SqlEntityManager,
  options: ResourceBookingOptions,
  input: { items: Item[]; from: string; to: string; quantity: number },
  dateRows: AvailabilityRow[][]
): Promise<{ date: string; max_capacity: number; available_capacity: number; is_blacked_out: boolean; is_available: boolean; reason?: UnavailableReason }[]> {
  const settings = await settingsOf(manager, input.items.map((item) => item.resource_id))
  const duration = Math.max(...[...settings.values()].map((s) => s.min_duration_minutes))
  const rows = await readSlots(manager, {
    items: input.items.map((item) => ({ resource_id: item.resource_id, needed: input.quantity * item.units })),
    from: input.from,
    to: input.to,
    duration,
    timezone: options.timezone,
  })
  const byDate = slotsByDate([...commonSlots(input.items, rows).values()])
  const hours = await Promise.all(
    input.items.map((item) => listDayHours(manager, { resource_id: item.resource_id, from: input.from, to: input.to }))
  )
  const units = Math.min(...input.items.map((item) => Math.floor(settings.get(item.resource_id)!.units / item.units)))
  return datesInRange(input.from, input.to).map((date, index) => {
    const free = byDate.get(date) ?? []
    const blackedOut = dateRows.some((rows) => rows[index]?.is_blacked_out)
    const dateReason = dateRows
      .map((rows) => rows[index]?.reason as UnavailableReason | null)
      .find((reason) => reason && reason !== "NO_CAPACITY" && reason !== "SOLD_OUT")
    const closed = hours.some((list) => !list[index]?.hours?.length)
    const reason: UnavailableReason | undefined = free.length ? undefined : (dateReason ?? (closed ? "NO_CAPACITY" : "SOLD_OUT"))
    return {
      date,
      max_capacity: units,
      available_capacity: free.reduce((most, slot) => Math.max(most, slot.available_units), 0),
      is_blacked_out: blackedOut,
      is_available: !reason,
      ...(reason ? { reason } : {}),
    }
  })
}

/** An APPOINTMENT resource's day as a timeline per unit, with its working hours. */
export async function appointmentDay(
  manager: SqlEntityManager,
  options: ResourceBookingOptions,
  input: { resource_id: string; date: string; units: number }
): Promise<Pick<ManifestDTO, "units" | "hours">> {
  const rows = await readUnitTimeline(manager, input.resource_id, input.date, options.timezone)
  const [day] = await listDayHours(manager, { resource_id: input.resource_id, from: input.date, to: input.date })
  return {
    hours: day?.hours ?? [],
    units: Array.from({ length: input.units }, (_, index) => ({
      unit: index + 1,
      bookings: rows
        .filter((row: any) => row.unit === index + 1)
        .map((row: any) => ({
          hold_id: row.hold_id,
          allocation_id: row.allocation_id,
          order_id: row.order_id ?? null,
          status: row.status,
          starts_at: row.starts_at,
          ends_at: row.ends_at,
          window_starts_at: row.window_starts_at,
          window_ends_at: row.window_ends_at,
          quantity: row.quantity,
          customer_email: row.customer_email ?? null,
        })),
    })),
  }
}

export type { AvailabilityDTO }
