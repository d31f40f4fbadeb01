import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import sendResourceBookingRemindersJob from "../../src/jobs/send-resource-booking-reminders"
import { zoneTransitions } from "../../src/lib/ics/vtimezone"
import { startOfDateIn, toZonedIso } from "../../src/lib/zoned-time"
import { addDays } from "../../src/modules/resource_booking/utils/dates"
import { cancelResourceAllocationsWorkflow } from "../../src/workflows/cancel-resource-allocations"
import { sendResourceBookingRemindersWorkflow } from "../../src/workflows/notifications/send-resource-booking-reminders"
import { createAdminHeaders } from "./admin-helpers"
import { sql } from "./helpers/db"
import {
  addManualPaymentSession,
  attempt,
  BookableVariant,
  bookingService,
  createCart,
  createDepartureVariant,
  createShop,
  day,
  Shop,
  storeHeaders,
  waitFor,
} from "./helpers/fixtures"
import ICALmodule from "ical.js"

const ICAL: any = (ICALmodule as any).default ?? ICALmodule

jest.setTimeout(240 * 1000)

const BERLIN = "Europe/Berlin"
const HOUR = 3600_000

/**
 * The next clock change in Berlin at least a week ahead (the spring or the
 * autumn one, whichever comes first): departures the day before and on that
 * day have different offsets, and one of them crosses the change.
 */
function nextChangeDate(): string {
  const from = Date.now() + 7 * 24 * HOUR
  const [change] = zoneTransitions(BERLIN, from, from + 400 * 24 * HOUR)
  return toZonedIso(change.at, BERLIN).slice(0, 10)
}

/** Timed VEVENTs as ical.js reads them (with the calendar's own VTIMEZONE): instants, TZID, local DTSTART as written. */
function timedEvents(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  return {
    zones: calendar.getAllSubcomponents("vtimezone").map((zone: any) => zone.getFirstPropertyValue("tzid")),
    events: calendar.getAllSubcomponents("vevent").map((vevent: any) => {
      const event = new ICAL.Event(vevent)
      const dtstart = vevent.getFirstProperty("dtstart")
      return {
        uid: event.uid as string,
        allDay: event.startDate.isDate as boolean,
        start: event.startDate.toUnixTime() * 1000,
        end: event.endDate.toUnixTime() * 1000,
        tzid: (dtstart.getParameter("tzid") ?? null) as string | null,
        local: dtstart.toICALString().split(":").slice(1).join(":"),
        status: vevent.getFirstPropertyValue("status"),
        summary: event.summary as string,
      }
    }),
  }
}

/** The VEVENT UID of an allocation's departure: the allocation's id for its first, with the local start for the others. */
const uidOf = (id: string, departure: { date: string; start_time: string }, index: number) =>
  index === 0 ? `${id}@resource-booking` : `${id}-${departure.date}T${departure.start_time.replace(":", "")}@resource-booking`

/**
 * Departures after the order (issue 17, item 4): the confirmation with the
 * departures' times and a booking.ics of timed events, the canceled
 * notification, the calendar feed, and reminders counted back from the
 * first departure's start. The app runs in Europe/Berlin.
 */
// The runner loads medusa-config.ts before it applies its `env` option: the zone is set here, for this file only.
const zoneBefore = process.env.RESOURCE_BOOKING_TIMEZONE
process.env.RESOURCE_BOOKING_TIMEZONE = BERLIN
afterAll(() => {
  if (zoneBefore === undefined) delete process.env.RESOURCE_BOOKING_TIMEZONE
  else process.env.RESOURCE_BOOKING_TIMEZONE = zoneBefore
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let shop: Shop
    let tour: BookableVariant
    let admin: { headers: Record<string, string> }
    const D = (offset: number) => day(getContainer(), offset)
    const change = nextChangeDate()

    beforeAll(async () => {
      const container = getContainer()
      expect(bookingService(container).getOptions().timezone).toBe(BERLIN)
      shop = await createShop(container)
      tour = await createDepartureVariant(container, shop, {
        capacity: 6,
        ranges: [
          { from: D(1), to: D(14) },
          { from: addDays(change, -1), to: change },
        ],
        start_times: ["01:30", "07:00", "16:30"],
        duration_minutes: 60,
        unitPrice: 40,
      })
    })

    beforeEach(async () => {
      admin = await createAdminHeaders(getContainer())
    })

    const notificationsTo = async (to: string) =>
      (await api.get(`/admin/notifications?to=${encodeURIComponent(to)}&channel=email&limit=100`, admin)).data.notifications as any[]
    const outbox = (key: string) =>
      sql(dbConfig.clientUrl, `SELECT * FROM resource_booking_notification WHERE idempotency_key = $1`, [key])

    const checkout = async (email: string, departures: { date: string; start_time: string }[], quantity: number) => {
      const cart = await createCart(api, shop, { email })
      const booked = await attempt(
        api.post(`/store/carts/${cart.id}/resource-bookings`, { variant_id: tour.variantId, departures, quantity }, storeHeaders(shop))
      )
      expect(booked.status).toBe(200)
      await addManualPaymentSession(api, shop, cart.id)
      const completed = await attempt(api.post(`/store/carts/${cart.id}/complete`, {}, storeHeaders(shop)))
      expect(completed.data.type).toBe("order")
      const order = completed.data.order
      const [[allocation]] = await waitFor(async () => {
        const result = await bookingService(getContainer()).listAllocations({ order_id: order.id })
        return result[1] === 1 ? result : null
      })
      return { order, allocation }
    }

    it("a departure checkout sends one confirmation listing the departures, with a booking.ics of timed events (TZID Europe/Berlin) on both sides of the next clock change; canceling sends their times again", async () => {
      const email = "departures@example.com"
      const booked = [
        { date: change, start_time: "07:00" },
        { date: D(10), start_time: "07:00" },
        { date: change, start_time: "01:30" },
        { date: addDays(change, -1), start_time: "16:30" },
      ]
      const { order, allocation } = await checkout(email, booked, 2)
      expect(allocation.departures).toHaveLength(4)
      const departures = allocation.departures!
      // Before and after the change: the offsets differ (PostgreSQL's zone arithmetic made the instants).
      const before = departures.find((d) => d.date === addDays(change, -1))!
      const after = departures.find((d) => d.date === change && d.start_time === "07:00")!
      expect(before.starts_at.slice(-6)).not.toBe(after.starts_at.slice(-6))

      const key = `resource-booking.confirmed:${order.id}`
      const [row] = await waitFor(async () => {
        const rows = await outbox(key)
        return rows[0]?.status === "SENT" ? rows : null
      })

      // GET /admin/notifications lists it, with each departure's local date, start, end and real minutes.
      const confirmed = (await notificationsTo(email)).filter((n) => n.template === "resource-booking.confirmed")
      expect(confirmed).toHaveLength(1)
      expect(confirmed[0].data).toMatchObject({ order_id: order.id, timezone: BERLIN })
      const [line] = confirmed[0].data.lines
      expect(line).toMatchObject({ quantity: 2, resource_names: [tour.resource.name], starts_at: departures[0].starts_at, ends_at: departures[3].ends_at })
      expect(line.times.map((t: any) => [t.date, t.start_time, t.duration_minutes, t.starts_at, t.ends_at])).toEqual(
        departures.map((d) => [d.date, d.start_time, 60, d.starts_at, d.ends_at])
      )
      for (const time of line.times) {
        expect(Date.parse(time.ends_at) - Date.parse(time.starts_at)).toBe(HOUR)
        expect(toZonedIso(time.ends_at, BERLIN).slice(11, 16)).toBe(time.end_time)
      }

      // booking.ics: one timed VEVENT per departure at its instants, 60 real minutes each, UID per allocation and departure.
      const ics = Buffer.from(row.attachments[0].content, "base64").toString("utf8")
      expect(row.attachments[0]).toMatchObject({ filename: "booking.ics", disposition: "attachment" })
      expect(ics.split("\r\n").every((text) => Buffer.byteLength(text) <= 75)).toBe(true)
      const { zones, events } = timedEvents(ics)
      expect(zones).toEqual([BERLIN])
      expect(events.map((e: any) => e.uid)).toEqual(departures.map((d, index) => uidOf(allocation.id, d, index)))
      events.forEach((event: any, index: number) => {
        const departure = departures[index]
        expect(event).toMatchObject({ allDay: false, status: "CONFIRMED", start: Date.parse(departure.starts_at), end: Date.parse(departure.ends_at) })
        expect(event.end - event.start).toBe(HOUR)
        expect(event.summary).toContain(`#${order.display_id}`)
      })
      // Away from the change, DTSTART is the local departure time with the zone.
      for (const departure of [before, after, departures.find((d) => d.date === D(10))!]) {
        const event = events[departures.indexOf(departure)]
        expect(event.tzid).toBe(BERLIN)
        expect(event.local).toBe(`${departure.date.replace(/-/g, "")}T${departure.start_time.replace(":", "")}00`)
      }

      // Canceled: the same departures' times.
      await cancelResourceAllocationsWorkflow(getContainer()).run({ input: { allocation_ids: [allocation.id], restore_capacity: true } })
      const [canceled] = await waitFor(async () => {
        const list = (await notificationsTo(email)).filter((n) => n.template === "resource-booking.canceled")
        return list.length ? list : null
      })
      expect(canceled.data).toMatchObject({ allocation_id: allocation.id, timezone: BERLIN, starts_at: departures[0].starts_at })
      expect(canceled.data.times.map((t: any) => [t.date, t.start_time, t.starts_at])).toEqual(departures.map((d) => [d.date, d.start_time, d.starts_at]))
    })

    it("the resource's feed shows departure allocations and holds as timed events with the zone", async () => {
      const { order, allocation } = await checkout("feed-departure@example.com", [{ date: D(5), start_time: "16:30" }, { date: D(6), start_time: "07:00" }], 1)
      const cart = await createCart(api, shop, { email: "holder@example.com" })
      const held = await attempt(
        api.post(`/store/carts/${cart.id}/resource-bookings`, { variant_id: tour.variantId, departures: [{ date: D(8), start_time: "01:30" }], quantity: 3 }, storeHeaders(shop))
      )
      expect(held.status).toBe(200)
      const [hold] = (await bookingService(getContainer()).listHolds({ resource_id: tour.resource.id, status: "ACTIVE" }))[0]

      const feed = (await api.post(`/admin/resources/${tour.resource.id}/feed`, { include_holds: true }, admin)).data.resource_feed
      const text = await attempt(api.get(feed.path, { headers: {}, responseType: "text", transformResponse: (x: any) => x }))
      expect(text.status).toBe(200)
      const { zones, events } = timedEvents(text.data)
      expect(zones).toEqual([BERLIN])
      const byStart = [...events].sort((a: any, b: any) => a.start - b.start)
      expect(byStart.map((e: any) => [e.uid, e.start, e.end, e.tzid, e.allDay, e.status])).toEqual([
        [`${allocation.id}@resource-booking`, Date.parse(allocation.departures![0].starts_at), Date.parse(allocation.departures![0].ends_at), BERLIN, false, "CONFIRMED"],
        [uidOf(allocation.id, allocation.departures![1], 1), Date.parse(allocation.departures![1].starts_at), Date.parse(allocation.departures![1].ends_at), BERLIN, false, "CONFIRMED"],
        [expect.stringMatching(/^hold-[0-9a-f]{32}@resource-booking$/), Date.parse(hold.starts_at!), Date.parse(hold.ends_at!), BERLIN, false, "TENTATIVE"],
      ])
      expect(byStart[0].local).toBe(`${D(5).replace(/-/g, "")}T163000`)
      expect(byStart[0].summary).toContain(`#${order.display_id}`)
      expect(text.data).not.toContain(hold.id)
    })

    it("a departure's reminder is claimed reminderHoursBefore its first departure's start, not before (not from 00:00 of its date), and once", async () => {
      const container = getContainer()
      const service = bookingService(container)
      const email = "remind-departure@example.com"
      const { hold } = await service.createHold({
        resource_id: tour.resource.id,
        departures: [{ date: D(3), start_time: "16:30" }, { date: D(3), start_time: "07:00" }],
        quantity: 1,
        customer_email: email,
      })
      const { allocation } = await service.confirmHold({ hold_id: hold.id, order_id: "order_test_departure", line_item_id: "ordli_test_departure" })
      const start = Date.parse(allocation.starts_at!)
      expect(toZonedIso(start, BERLIN).slice(0, 16)).toBe(`${D(3)}T07:00`)
      const hours = 24
      const at = (ms: number) => ({ now: new Date(ms).toISOString() })

      // 00:00 of the date − 24 h has passed, the first departure − 24 h not yet: nothing (a day booking would be due here).
      expect(await sendResourceBookingRemindersJob(container, at(startOfDateIn(D(3), BERLIN) - hours * HOUR + HOUR))).toEqual([])
      expect(await sendResourceBookingRemindersJob(container, at(start - hours * HOUR - 60_000))).toEqual([])
      // From starts_at − 24 h on: claimed once, even by two runs at the same moment.
      const [x, y] = await Promise.all([
        sendResourceBookingRemindersJob(container, at(start - hours * HOUR)),
        sendResourceBookingRemindersJob(container, at(start - hours * HOUR)),
      ])
      expect([...x, ...y]).toEqual([allocation.id])
      expect(await sendResourceBookingRemindersJob(container, at(start - HOUR))).toEqual([])
      const reminders = (await notificationsTo(email)).filter((n) => n.template === "resource-booking.reminder")
      expect(reminders).toHaveLength(1)
      expect(reminders[0].data).toMatchObject({ allocation_id: allocation.id, first_date: D(3), starts_at: allocation.starts_at, hours_before: 24 })
      expect(reminders[0].data.lines[0].times.map((t: any) => t.start_time)).toEqual(["07:00", "16:30"])
    })

    it("allocations already reminded (still due until they start) never crowd a new one out of a batch", async () => {
      const container = getContainer()
      const service = bookingService(container)
      const allocate = async (start_time: string, n: number) => {
        const { hold } = await service.createHold({
          resource_id: tour.resource.id,
          departures: [{ date: D(2), start_time }],
          quantity: 1,
          customer_email: `crowd-${n}@example.com`,
        })
        return (await service.confirmHold({ hold_id: hold.id, order_id: `order_crowd_${n}`, line_item_id: `ordli_crowd_${n}` })).allocation
      }
      const early = []
      for (let n = 0; n < 5; n++) early.push(await allocate("07:00", n))
      // 06:00 on that date: the 07:00 departures and the 16:30 one are all within 24 h.
      const now = new Date(startOfDateIn(D(2), BERLIN) + 6 * HOUR).toISOString()
      expect((await sendResourceBookingRemindersJob(container, { now })).sort()).toEqual(early.map((a) => a.id).sort())
      const late = await allocate("16:30", 5)
      // A batch of one: the five earlier ones come first in start order and are claimed already; the new one is claimed all the same.
      const { result } = await sendResourceBookingRemindersWorkflow(container).run({ input: { batch_size: 1, now } })
      expect(result.claimed).toEqual([late.id])
    })
  },
})
