import type { MedusaContainer } from "@medusajs/framework/types"
import type ResourceBookingModuleService from "../../modules/resource_booking/service"
import type { OctoOptionSource } from "./catalog"
import { bookingService } from "./context"
import { addDays, dateOfAvailabilityId, departureOfAvailabilityId, localEndOfDay, localMidnight, startOfDate, utc } from "./dates"

/**
 * How OCTo is told an option's availability, in one place. An option's
 * **kind** says what an availability is for it:
 *
 * - `dayKind` (OPENING_HOURS): one availability per calendar date in the
 *   module's time zone, all day; a booking takes `q × units` of every linked
 *   resource on that date (what every product books today).
 *
 * - `departureKind` (START_TIME): one availability per departure of the
 *   option's DEPARTURE resources (start times common to all of them); its id
 *   is the departure's `localDateTimeStart` (`2027-03-28T07:00:00+02:00`, the
 *   offset of that instant), its hold request names the departure.
 *
 * `kindOf` chooses by the option's booking mode. Catalogue, availability
 * routes, reservations and booking answers all go through the kind.
 */

export type OctoSlotStatus = "AVAILABLE" | "LIMITED" | "SOLD_OUT" | "CLOSED"

/**
 * Which availability: a local date (and, for a time-of-day kind, a local
 * start time `HH:MM` and the availability id it was read from).
 */
export type SlotKey = { date: string; start_time?: string; id?: string }

/** One availability of an option (for `dayKind`, one calendar date). */
export type OctoSlot = SlotKey & {
  status: OctoSlotStatus
  available: boolean
  vacancies: number
  capacity: number
  cutoff: Date
  /** A departure's instants (ISO 8601 with the zone's offset at each). */
  starts_at?: string
  ends_at?: string
}

/** What a booking of a slot takes in the ledger (a hold group's items and dates, or departures). */
export type SlotHoldRequest = {
  items: { resource_id: string; quantity: number }[]
  dates?: string[]
  departures?: { date: string; start_time: string }[]
}

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
  /** The OCTo AvailabilityCalendar entries of from..to from the slots there: one per date, in order. */
  calendarDays(slots: OctoSlot[], from: string, to: string): ReturnType<typeof dayCalendar>[]
  /** What booking `quantity` units of a slot takes: q × units of every linked resource. */
  holdRequest(option: OctoOptionSource, slot: SlotKey, quantity: number): SlotHoldRequest
}

/** A slot that cannot be booked (an option no longer sold, a date outside the capacity). */
export function closedSlot(key: SlotKey): OctoSlot {
  return { ...key, status: "CLOSED", available: false, vacancies: 0, capacity: 0, cutoff: new Date() }
}

/** OCTo's status of a slot from the ledger's reason and figures (one rule for dates and departures). */
function statusOf(reason: string | undefined, vacancies: number, capacity: number): OctoSlotStatus {
  if (reason === "SOLD_OUT" || (reason === undefined && vacancies === 0 && capacity > 0)) return "SOLD_OUT"
  if (reason) return "CLOSED"
  return vacancies < capacity ? "LIMITED" : "AVAILABLE"
}

type Cutoff = { days_before: number; time: string } | undefined

/** The booking-rule cutoffs of the option's resources. */
async function cutoffsOf(service: ResourceBookingModuleService, option: OctoOptionSource): Promise<Cutoff[]> {
  const resources = await service.listResources({ id: option.resources.map((r) => r.resource_id) })
  return (resources ?? []).map((resource: any) => resource?.booking_rules?.cutoff)
}

/** The least min_notice_minutes of the option's resources' rules (minutes before a departure it stops selling). */
async function noticeOf(service: ResourceBookingModuleService, option: OctoOptionSource): Promise<number> {
  const resources = await service.listResources({ id: option.resources.map((r) => r.resource_id) })
  return Math.max(0, ...(resources ?? []).map((resource: any) => Number(resource?.booking_rules?.min_notice_minutes ?? 0)))
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
  let cutoffs: Cutoff[] = []
  try {
    group = await service.getGroupAvailability({ items: option.resources, from, to, quantity: 1 })
    for (const link of option.resources) {
      const one = await service.getAvailability({ resource_id: link.resource_id, from, to })
      for (const day of one.dates as any[]) {
        const places = Math.floor(Number(day.max_capacity ?? 0) / link.units)
        capacity.set(day.date, Math.min(capacity.get(day.date) ?? places, places))
      }
    }
    cutoffs = await cutoffsOf(service, option)
  } catch (error: any) {
    if (error?.type !== "not_found") throw error
    group = null
  }
  const days: OctoSlot[] = []
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const entry = group?.dates.find((d) => d.date === date)
    const vacancies = entry ? Math.max(0, entry.available_quantity) : 0
    const cap = Math.max(capacity.get(date) ?? 0, vacancies)
    const status: OctoSlotStatus = entry ? statusOf(entry.reason, vacancies, cap) : "CLOSED"
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
function cutoffOf(date: string, timeZone: string, cutoffs: Cutoff[]): Date {
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
  calendarDays: (slots) => slots.map(dayCalendar),
  holdRequest: (option, slot, quantity) => ({
    items: option.resources.map((r) => ({ resource_id: r.resource_id, quantity: quantity * r.units })),
    dates: [slot.date],
  }),
}

/**
 * Availability of an option per departure, from the ledger's group
 * availability (departures common to every linked resource, least
 * floor(available / units) over them; rules, blackouts and departures that
 * have started included): the same status rule as for dates, per departure.
 * `capacity` is the least floor(max_capacity / units) of the departure.
 */
async function departureSlots(
  scope: MedusaContainer,
  option: OctoOptionSource,
  from: string,
  to: string,
  quantity = 1
): Promise<OctoSlot[]> {
  const service = bookingService(scope)
  const timeZone = service.getOptions().timezone
  let group: Awaited<ReturnType<ResourceBookingModuleService["getGroupAvailability"]>>
  const capacity = new Map<string, number>()
  let cutoffs: Cutoff[] = []
  let notice = 0
  try {
    group = await service.getGroupAvailability({ items: option.resources, from, to, quantity: 1 })
    for (const link of option.resources) {
      const one = await service.getAvailability({ resource_id: link.resource_id, from, to })
      for (const day of one.dates) {
        for (const departure of day.departures ?? []) {
          const key = `${day.date} ${departure.start_time}`
          const places = Math.floor(Number(departure.max_capacity ?? 0) / link.units)
          capacity.set(key, Math.min(capacity.get(key) ?? places, places))
        }
      }
    }
    cutoffs = await cutoffsOf(service, option)
    notice = await noticeOf(service, option)
  } catch (error: any) {
    if (error?.type !== "not_found") throw error
    return []
  }
  const slots: OctoSlot[] = []
  for (const day of group.dates) {
    for (const departure of day.departures ?? []) {
      const vacancies = Math.max(0, departure.available_quantity)
      const cap = Math.max(capacity.get(`${day.date} ${departure.start_time}`) ?? 0, vacancies)
      const status = statusOf(departure.reason, vacancies, cap)
      const open = status === "AVAILABLE" || status === "LIMITED"
      const starts = new Date(departure.starts_at)
      const noticeCutoff = new Date(starts.getTime() - notice * 60_000)
      const dateCutoff = cutoffOf(day.date, timeZone, cutoffs)
      slots.push({
        date: day.date,
        start_time: departure.start_time,
        starts_at: String(departure.starts_at),
        ends_at: String(departure.ends_at),
        status,
        available: open && vacancies >= quantity,
        vacancies: status === "CLOSED" ? 0 : vacancies,
        capacity: cap,
        cutoff: new Date(Math.min(noticeCutoff.getTime(), dateCutoff.getTime())),
      })
    }
  }
  return slots
}

function departureAvailability(slot: OctoSlot, timeZone: string) {
  const id = departureKind.idOf(slot, timeZone)
  return {
    id,
    localDateTimeStart: id,
    localDateTimeEnd: slot.ends_at ?? id,
    allDay: false,
    available: slot.available,
    status: slot.status,
    vacancies: slot.vacancies,
    capacity: slot.capacity,
    maxUnits: null,
    utcCutoffAt: utc(slot.cutoff)!,
    openingHours: [] as { from: string; to: string }[],
  }
}

/**
 * A date of a START_TIME calendar: the date's departures together (a date
 * without departures is CLOSED). Available when one is; vacancies and capacity summed over its open departures;
 * SOLD_OUT when every departure that is not closed is sold out.
 */
function departureCalendar(slots: OctoSlot[], from: string, to: string) {
  const byDate = new Map<string, OctoSlot[]>()
  for (let date = from; date <= to; date = addDays(date, 1)) byDate.set(date, [])
  for (const slot of slots) byDate.get(slot.date)?.push(slot)
  return [...byDate.entries()].map(([date, day]) => {
    const open = day.filter((slot) => slot.status === "AVAILABLE" || slot.status === "LIMITED")
    const soldOut = day.filter((slot) => slot.status === "SOLD_OUT")
    const status: OctoSlotStatus = open.length
      ? open.every((slot) => slot.status === "AVAILABLE") && !soldOut.length
        ? "AVAILABLE"
        : "LIMITED"
      : soldOut.length
        ? "SOLD_OUT"
        : "CLOSED"
    const counted = [...open, ...soldOut]
    return {
      localDate: date,
      available: day.some((slot) => slot.available),
      status,
      vacancies: open.reduce((sum, slot) => sum + slot.vacancies, 0),
      capacity: counted.reduce((sum, slot) => sum + slot.capacity, 0),
      openingHours: [] as { from: string; to: string }[],
    }
  })
}

/** START_TIME: a booking takes a place on one departure. */
export const departureKind: AvailabilityKind = {
  availabilityType: "START_TIME",
  localStartTimes: (option) => option.start_times,
  slots: departureSlots,
  slotOfId: (id) => departureOfAvailabilityId(id),
  // A slot read from the ledger is named by its start instant; a key parsed from an id by that id.
  idOf: (slot) => (slot as Partial<OctoSlot>).starts_at ?? slot.id ?? `${slot.date}T${slot.start_time}:00`,
  availability: departureAvailability,
  calendarDays: departureCalendar,
  holdRequest: (option, slot, quantity) => ({
    items: option.resources.map((r) => ({ resource_id: r.resource_id, quantity: quantity * r.units })),
    departures: [{ date: slot.date, start_time: slot.start_time! }],
  }),
}

/** The kind of an option: the one place it is chosen, by the booking mode of the resources it books. */
export function kindOf(option: OctoOptionSource | undefined): AvailabilityKind {
  return option?.booking_mode === "DEPARTURE" ? departureKind : dayKind
}
