import type { MedusaContainer } from "@medusajs/framework/types"
import type ResourceBookingModuleService from "../../modules/resource_booking/service"
import type { OctoOptionSource } from "./catalog"
import { bookingService } from "./context"
import { addDays, dateOfAvailabilityId, localEndOfDay, localMidnight, startOfDate, utc } from "./dates"

/**
 * How OCTo is told an option's availability, in one place. An option's
 * **kind** says what an availability is for it:
 *
 * - `dayKind` (OPENING_HOURS): one availability per calendar date in the
 *   module's time zone, all day; a booking takes `q × units` of every linked
 *   resource on that date (what every product books today).
 *
 * A time-of-day kind (START_TIME: departures of a DEPARTURE resource) is one
 * more AvailabilityKind here, chosen by `kindOf`: its slots carry a
 * `start_time`, its ids are `…THH:MM:00+offset`, its hold request names the
 * departure.
 * Catalogue, availability routes, reservations and booking answers all go
 * through the kind, so nothing else changes.
 */

export type OctoSlotStatus = "AVAILABLE" | "LIMITED" | "SOLD_OUT" | "CLOSED"

/** Which availability: a local date (and, for a time-of-day kind, a local start time `HH:MM`). */
export type SlotKey = { date: string; start_time?: string }

/** One availability of an option (for `dayKind`, one calendar date). */
export type OctoSlot = SlotKey & {
  status: OctoSlotStatus
  available: boolean
  vacancies: number
  capacity: number
  cutoff: Date
}

/** What a booking of a slot takes in the ledger (a hold group's items and dates). */
export type SlotHoldRequest = { items: { resource_id: string; quantity: number }[]; dates: string[] }

export type AvailabilityKind = {
  availabilityType: "OPENING_HOURS" | "START_TIME"
  /** The option's `availabilityLocalStartTimes`. */
  localStartTimes(option: OctoOptionSource): string[]
  /** The option's slots on the local dates from..to; `available` needs `quantity` units. */
  slots(scope: MedusaContainer, option: OctoOptionSource, from: string, to: string, quantity?: number): Promise<OctoSlot[]>
  /** The slot an availability id of this kind names, or null when the id is not one of ours. */
  slotOfId(id: unknown, timeZone: string): SlotKey | null
  /** The availability id of a slot. */
  idOf(slot: SlotKey, timeZone: string): string
  /** The OCTo Availability object of a slot. */
  availability(slot: OctoSlot, timeZone: string): ReturnType<typeof dayAvailability>
  /** The OCTo AvailabilityCalendar entry of a date. */
  calendarDay(slot: OctoSlot): ReturnType<typeof dayCalendar>
  /** What booking `quantity` units of a slot takes: q × units of every linked resource. */
  holdRequest(option: OctoOptionSource, slot: SlotKey, quantity: number): SlotHoldRequest
}

/** A slot that cannot be booked (an option no longer sold, a date outside the capacity). */
export function closedSlot(date: string): OctoSlot {
  return { date, status: "CLOSED", available: false, vacancies: 0, capacity: 0, cutoff: new Date() }
}

/**
 * Availability of an option per date, from the ledger's group availability
 * (least floor(available / units) over the linked resources; rules and
 * blackouts included): a date with a reason is CLOSED (SOLD_OUT when that
 * reason is SOLD_OUT); a free date is LIMITED once something is taken,
 * AVAILABLE before. `available` also needs `quantity` places.
 */
async function daySlots(
  scope: MedusaContainer,
  option: OctoOptionSource,
  from: string,
  to: string,
  quantity = 1
): Promise<OctoSlot[]> {
  const service = bookingService(scope)
  const timeZone = service.getOptions().timezone
  let group: Awaited<ReturnType<ResourceBookingModuleService["getGroupAvailability"]>> | null = null
  const capacity = new Map<string, number>()
  const cutoffs: ({ days_before: number; time: string } | undefined)[] = []
  try {
    group = await service.getGroupAvailability({ items: option.resources, from, to, quantity: 1 })
    for (const link of option.resources) {
      const one = await service.getAvailability({ resource_id: link.resource_id, from, to })
      for (const day of one.dates as any[]) {
        const places = Math.floor(Number(day.max_capacity ?? 0) / link.units)
        capacity.set(day.date, Math.min(capacity.get(day.date) ?? places, places))
      }
    }
    const resources = await (service as any).listResources({ id: option.resources.map((r) => r.resource_id) })
    for (const resource of resources ?? []) cutoffs.push(resource?.booking_rules?.cutoff)
  } catch (error: any) {
    if (error?.type !== "not_found") throw error
    group = null
  }
  const days: OctoSlot[] = []
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const entry = group?.dates.find((d) => d.date === date)
    const vacancies = entry ? Math.max(0, entry.available_quantity) : 0
    const cap = Math.max(capacity.get(date) ?? 0, vacancies)
    let status: OctoSlotStatus
    if (!entry) status = "CLOSED"
    else if (entry.reason === "SOLD_OUT" || (entry.reason === undefined && vacancies === 0 && cap > 0)) status = "SOLD_OUT"
    else if (entry.reason) status = "CLOSED"
    else status = vacancies < cap ? "LIMITED" : "AVAILABLE"
    const open = status === "AVAILABLE" || status === "LIMITED"
    days.push({
      date,
      status,
      available: open && vacancies >= quantity,
      vacancies: status === "CLOSED" ? 0 : vacancies,
      capacity: cap,
      cutoff: cutoffOf(date, timeZone, cutoffs),
    })
  }
  return days
}

/** When the date stops taking bookings: its end, or the earliest cutoff of its resources' rules. */
function cutoffOf(date: string, timeZone: string, cutoffs: ({ days_before: number; time: string } | undefined)[]): Date {
  let cutoff = startOfDate(addDays(date, 1), timeZone)
  for (const rule of cutoffs) {
    if (!rule) continue
    const [hours, minutes] = String(rule.time ?? "00:00").split(":").map(Number)
    const start = startOfDate(addDays(date, -Number(rule.days_before ?? 0)), timeZone)
    const at = new Date(start.getTime() + ((hours || 0) * 60 + (minutes || 0)) * 60_000)
    if (at < cutoff) cutoff = at
  }
  return cutoff
}

const ALL_DAY = [{ from: "00:00", to: "23:59" }]

function dayAvailability(slot: OctoSlot, timeZone: string) {
  const id = localMidnight(slot.date, timeZone)
  return {
    id,
    localDateTimeStart: id,
    localDateTimeEnd: localEndOfDay(slot.date, timeZone),
    allDay: true,
    available: slot.available,
    status: slot.status,
    vacancies: slot.vacancies,
    capacity: slot.capacity,
    maxUnits: null,
    utcCutoffAt: utc(slot.cutoff)!,
    openingHours: ALL_DAY,
  }
}

function dayCalendar(slot: OctoSlot) {
  return {
    localDate: slot.date,
    available: slot.available,
    status: slot.status,
    vacancies: slot.vacancies,
    capacity: slot.capacity,
    openingHours: ALL_DAY,
  }
}

/** OPENING_HOURS: a booking takes a whole calendar date. */
export const dayKind: AvailabilityKind = {
  availabilityType: "OPENING_HOURS",
  // OCTo's OpenAPI schema wants at least one element here (the validator only warns; docs/OCTO.md).
  localStartTimes: () => ["00:00"],
  slots: daySlots,
  slotOfId: (id, timeZone) => {
    const date = dateOfAvailabilityId(id, timeZone)
    return date ? { date } : null
  },
  idOf: (slot, timeZone) => localMidnight(slot.date, timeZone),
  availability: dayAvailability,
  calendarDay: dayCalendar,
  holdRequest: (option, slot, quantity) => ({
    items: option.resources.map((r) => ({ resource_id: r.resource_id, quantity: quantity * r.units })),
    dates: [slot.date],
  }),
}

/** The kind of an option: the one place a time-of-day kind is chosen (by the resources it books). */
export function kindOf(_option: OctoOptionSource | undefined): AvailabilityKind {
  return dayKind
}
