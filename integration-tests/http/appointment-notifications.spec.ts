import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import sendResourceBookingRemindersJob from "../../src/jobs/send-resource-booking-reminders"
import { zoneTransitions } from "../../src/lib/ics/vtimezone"
import { startOfDateIn, toZonedIso } from "../../src/lib/zoned-time"
import { cancelResourceAllocationsWorkflow } from "../../src/workflows/cancel-resource-allocations"
import { createAdminHeaders } from "./admin-helpers"
import { sql } from "./helpers/db"
import {
  addManualPaymentSession,
  attempt,
  BookableVariant,
  bookingService,
  createBookableVariant,
  createCart,
  createShop,
  day,
  Shop,
  storeHeaders,
  uniqueName,
  waitFor,
} from "./helpers/fixtures"
import ICALmodule from "ical.js"

const ICAL: any = (ICALmodule as any).default ?? ICALmodule

jest.setTimeout(240 * 1000)

const BERLIN = "Europe/Berlin"
const HOUR = 3600_000

/** The next clock change in Berlin at least a week ahead (2027-03-28 from today, then 2027-10-31, …). */
function nextChangeDate(): string {
  const from = Date.now() + 7 * 24 * HOUR
  const [change] = zoneTransitions(BERLIN, from, from + 400 * 24 * HOUR)
  return toZonedIso(change.at, BERLIN).slice(0, 10)
}

/** VEVENTs as ical.js reads them (with the calendar's own VTIMEZONE): instants, TZID, local DTSTART/DTEND as written. */
function calendarEvents(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  return {
    zones: calendar.getAllSubcomponents("vtimezone").map((zone: any) => zone.getFirstPropertyValue("tzid")),
    events: calendar.getAllSubcomponents("vevent").map((vevent: any) => {
      const event = new ICAL.Event(vevent)
      const dtstart = vevent.getFirstProperty("dtstart")
      const dtend = vevent.getFirstProperty("dtend")
      return {
        uid: event.uid as string,
        allDay: event.startDate.isDate as boolean,
        start: event.startDate.toUnixTime() * 1000,
        end: event.endDate.toUnixTime() * 1000,
        tzid: (dtstart.getParameter("tzid") ?? null) as string | null,
        end_tzid: (dtend?.getParameter("tzid") ?? null) as string | null,
        local: dtstart.toICALString().split(":").slice(1).join(":"),
        local_end: dtend?.toICALString().split(":").slice(1).join(":") ?? null,
        status: vevent.getFirstPropertyValue("status"),
        summary: event.summary as string,
      }
    }),
  }
}

/**
 * Appointments after the order (issue 18, item 4), as departures do it: the
 * confirmation with the appointment's time and a booking.ics with one TIMED
 * event (DTSTART/DTEND with TZID Europe/Berlin, not all-day), the canceled
 * notification, the calendar feed, and the reminder counted back from
 * `starts_at`. The appointment sits on the next Berlin clock change and
 * crosses it: 01:30 for 120 real minutes.
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
    let guide: BookableVariant
    let admin: { headers: Record<string, string> }
    const D = (offset: number) => day(getContainer(), offset)
    const change = nextChangeDate()

    beforeAll(async () => {
      const container = getContainer()
      expect(bookingService(container).getOptions().timezone).toBe(BERLIN)
      shop = await createShop(container)
      const resource = await bookingService(container).createResources({
        type: "GUIDE",
        name: uniqueName("Night guide"),
        booking_mode: "APPOINTMENT",
        is_active: true,
        appointment: {
          working_hours: Object.fromEntries(["0", "1", "2", "3", "4", "5", "6"].map((d) => [d, [["00:00", "06:00"], ["09:00", "18:00"]]])),
          slot_minutes: 30,
          min_duration_minutes: 60,
          max_duration_minutes: 240,
          buffer_after_minutes: 15,
          units: 2,
        },
      } as any)
      guide = await createBookableVariant(container, shop, { resource: resource as any, unitPrice: 60 })
    })

    beforeEach(async () => {
      admin = await createAdminHeaders(getContainer())
    })

    const notificationsTo = async (to: string) =>
      (await api.get(`/admin/notifications?to=${encodeURIComponent(to)}&channel=email&limit=100`, admin)).data.notifications as any[]
    const outbox = (key: string) => sql(dbConfig.clientUrl, `SELECT * FROM resource_booking_notification WHERE idempotency_key = $1`, [key])

    const checkout = async (email: string, appointment: { date: string; start_time: string; duration_minutes: number }) => {
      const cart = await createCart(api, shop, { email })
      const booked = await attempt(api.post(`/store/carts/${cart.id}/resource-bookings`, { variant_id: guide.variantId, appointment, quantity: 1 }, storeHeaders(shop)))
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

    it("an appointment across the clock change: one confirmation with its time, a booking.ics with one timed event (DTSTART/DTEND with TZID Europe/Berlin), 120 real minutes; canceling sends its time again", async () => {
      const email = "appointment@example.com"
      const { order, allocation } = await checkout(email, { date: change, start_time: "01:30", duration_minutes: 120 })
      expect(allocation.appointment).toEqual({ date: change, start_time: "01:30", duration_minutes: 120 })
      // PostgreSQL's zone arithmetic: 01:30 local, 120 real minutes later, each instant with its own offset.
      expect(allocation.starts_at).toMatch(new RegExp(`^${change}T01:30:00\\+0[12]:00$`))
      expect(Date.parse(allocation.ends_at!) - Date.parse(allocation.starts_at!)).toBe(2 * HOUR)
      expect(allocation.starts_at!.slice(-6)).not.toBe(allocation.ends_at!.slice(-6))
      const localEnd = toZonedIso(allocation.ends_at!, BERLIN).slice(11, 16)
      expect(localEnd).toBe(allocation.starts_at!.endsWith("+01:00") ? "04:30" : "02:30")

      const key = `resource-booking.confirmed:${order.id}`
      const [row] = await waitFor(async () => {
        const rows = await outbox(key)
        return rows[0]?.status === "SENT" ? rows : null
      })
      const confirmed = (await notificationsTo(email)).filter((n) => n.template === "resource-booking.confirmed")
      expect(confirmed).toHaveLength(1)
      expect(confirmed[0].data).toMatchObject({ order_id: order.id, timezone: BERLIN })
      const [line] = confirmed[0].data.lines
      expect(line).toMatchObject({ quantity: 1, dates: [change], resource_names: [guide.resource.name], starts_at: allocation.starts_at, ends_at: allocation.ends_at })
      expect(line.times).toEqual([
        { date: change, start_time: "01:30", end_date: change, end_time: localEnd, duration_minutes: 120, starts_at: allocation.starts_at, ends_at: allocation.ends_at },
      ])

      // booking.ics: one timed VEVENT at the appointment's instants (not all-day), local DTSTART/DTEND with the zone.
      expect(row.attachments[0]).toMatchObject({ filename: "booking.ics", disposition: "attachment" })
      const ics = Buffer.from(row.attachments[0].content, "base64").toString("utf8")
      expect(ics.split("\r\n").every((text) => Buffer.byteLength(text) <= 75)).toBe(true)
      expect(ics).not.toContain("VALUE=DATE")
      const { zones, events } = calendarEvents(ics)
      expect(zones).toEqual([BERLIN])
      expect(events).toEqual([
        expect.objectContaining({
          uid: `${allocation.id}@resource-booking`,
          allDay: false,
          status: "CONFIRMED",
          start: Date.parse(allocation.starts_at!),
          end: Date.parse(allocation.ends_at!),
          tzid: BERLIN,
          end_tzid: BERLIN,
          local: `${change.replace(/-/g, "")}T013000`,
          local_end: `${change.replace(/-/g, "")}T${localEnd.replace(":", "")}00`,
        }),
      ])
      expect(events[0].summary).toContain(`#${order.display_id}`)

      await cancelResourceAllocationsWorkflow(getContainer()).run({ input: { allocation_ids: [allocation.id], restore_capacity: true } })
      const [canceled] = await waitFor(async () => {
        const list = (await notificationsTo(email)).filter((n) => n.template === "resource-booking.canceled")
        return list.length ? list : null
      })
      expect(canceled.data).toMatchObject({ allocation_id: allocation.id, timezone: BERLIN, starts_at: allocation.starts_at, ends_at: allocation.ends_at })
      expect(canceled.data.times.map((t: any) => [t.date, t.start_time, t.duration_minutes, t.starts_at])).toEqual([[change, "01:30", 120, allocation.starts_at]])
    })

    it("the resource's feed shows appointment allocations and holds as timed events with the zone", async () => {
      const { order, allocation } = await checkout("feed-appointment@example.com", { date: D(5), start_time: "10:00", duration_minutes: 90 })
      const cart = await createCart(api, shop, { email: "holder@example.com" })
      const held = await attempt(
        api.post(`/store/carts/${cart.id}/resource-bookings`, { variant_id: guide.variantId, appointment: { date: D(6), start_time: "14:30", duration_minutes: 60 }, quantity: 2 }, storeHeaders(shop))
      )
      expect(held.status).toBe(200)
      const hold = held.data.resource_hold

      const feed = (await api.post(`/admin/resources/${guide.resource.id}/feed`, { include_holds: true }, admin)).data.resource_feed
      const text = await attempt(api.get(feed.path, { headers: {}, responseType: "text", transformResponse: (x: any) => x }))
      expect(text.status).toBe(200)
      expect(text.data).not.toContain("VALUE=DATE")
      const { zones, events } = calendarEvents(text.data)
      expect(zones).toEqual([BERLIN])
      const byStart = [...events].sort((a: any, b: any) => a.start - b.start)
      expect(byStart.map((e: any) => [e.uid, e.start, e.end, e.tzid, e.allDay, e.status])).toEqual([
        [`${allocation.id}@resource-booking`, Date.parse(allocation.starts_at!), Date.parse(allocation.ends_at!), BERLIN, false, "CONFIRMED"],
        [expect.stringMatching(/^hold-[0-9a-f]{32}@resource-booking$/), Date.parse(hold.starts_at), Date.parse(hold.ends_at), BERLIN, false, "TENTATIVE"],
      ])
      expect(byStart[0].local).toBe(`${D(5).replace(/-/g, "")}T100000`)
      expect(byStart[0].local_end).toBe(`${D(5).replace(/-/g, "")}T113000`)
      expect(byStart[0].summary).toContain(`#${order.display_id}`)
      expect(text.data).not.toContain(hold.id)
    })

    it("the waitlist for a taken range: 409 while it is free, an entry, the offer when the range frees (the email with its time), the offered hold booked from a cart", async () => {
      const date = D(7)
      const headers = storeHeaders(shop)
      // Both units taken over [10:00, 11:15) (the 15-minute buffer after).
      const taken = await attempt(
        api.post("/store/resource-holds", { resource_id: guide.resource.id, appointment: { date, start_time: "10:00", duration_minutes: 60 }, quantity: 2, customer_email: "taker@example.com" }, headers)
      )
      expect(taken.status).toBe(201)
      const join = (appointment: Record<string, unknown>, email: string) =>
        attempt(api.post("/store/resource-waitlist", { variant_id: guide.variantId, appointment, quantity: 1, customer_email: email }, headers))
      const bookable = await join({ date, start_time: "12:00", duration_minutes: 60 }, "early@example.com")
      expect([bookable.status, bookable.data.message]).toEqual([409, expect.stringContaining("book it instead")])
      const created = await join({ date, start_time: "10:30", duration_minutes: 60 }, "waiter@example.com")
      expect(created.status).toBe(201)
      const entry = created.data.resource_waitlist_entry
      expect(entry).toMatchObject({ status: "WAITING", position: 1, appointment: { date, start_time: "10:30", duration_minutes: 60 }, dates: [date] })

      await api.post(`/store/resource-holds/${taken.data.resource_hold.id}/release`, {}, headers)
      const offered = await waitFor(async () => {
        const found = (await api.get(`/store/resource-waitlist/${entry.id}`, headers)).data.resource_waitlist_entry
        return found.status === "OFFERED" ? found : null
      })
      expect(offered.resource_hold_ids).toHaveLength(1)
      const offerHold = (await api.get(`/store/resource-holds/${offered.resource_hold_ids[0]}`, headers)).data.resource_hold
      expect(offerHold).toMatchObject({
        status: "ACTIVE",
        appointment: { date, start_time: "10:30", duration_minutes: 60 },
        starts_at: expect.stringMatching(new RegExp(`^${date}T10:30:00\\+0[12]:00$`)),
        ends_at: expect.stringMatching(new RegExp(`^${date}T11:30:00\\+0[12]:00$`)),
      })
      // The offer email says when: the range's local time and instants, not only its date.
      const [notice] = await waitFor(async () => {
        const list = (await notificationsTo("waiter@example.com")).filter((n) => n.template === "resource-booking.waitlist-offer")
        return list.length ? list : null
      })
      expect(notice.data).toMatchObject({
        entry_id: entry.id,
        dates: [date],
        timezone: BERLIN,
        starts_at: offerHold.starts_at,
        ends_at: offerHold.ends_at,
        times: [{ date, start_time: "10:30", end_date: date, end_time: "11:30", duration_minutes: 60, starts_at: offerHold.starts_at, ends_at: offerHold.ends_at }],
      })
      // The range is the offer's: the slot search no longer lists it for others.
      const free = await api.get(`/store/resources/${guide.resource.id}/slots?from=${date}&to=${date}&duration_minutes=60&quantity=2`, headers)
      expect(free.data.slots.dates[0].slots.map((s: any) => s.start_time)).not.toContain("10:30")

      const cart = await createCart(api, shop, { email: "waiter@example.com" })
      const booked = await attempt(api.post(`/store/carts/${cart.id}/resource-bookings`, { resource_hold_id: offerHold.id, variant_id: guide.variantId }, headers))
      expect(booked.status).toBe(200)
      await addManualPaymentSession(api, shop, cart.id)
      const completed = await attempt(api.post(`/store/carts/${cart.id}/complete`, {}, headers))
      expect(completed.data.type).toBe("order")
      await waitFor(async () => (await api.get(`/store/resource-waitlist/${entry.id}`, headers)).data.resource_waitlist_entry.status === "FULFILLED")
      const [[allocation]] = await bookingService(getContainer()).listAllocations({ order_id: completed.data.order.id })
      expect(allocation).toMatchObject({ appointment: { date, start_time: "10:30", duration_minutes: 60 }, starts_at: offerHold.starts_at })
    })

    it("an appointment's reminder is claimed reminderHoursBefore its starts_at, not from 00:00 of its date, and once", async () => {
      const container = getContainer()
      const service = bookingService(container)
      const email = "remind-appointment@example.com"
      const { hold } = await service.createHold({
        resource_id: guide.resource.id,
        appointment: { date: D(3), start_time: "16:00", duration_minutes: 60 },
        quantity: 1,
        customer_email: email,
      } as any)
      const { allocation } = await service.confirmHold({ hold_id: hold.id, order_id: "order_test_appointment", line_item_id: "ordli_test_appointment" })
      const start = Date.parse(allocation.starts_at!)
      expect(toZonedIso(start, BERLIN).slice(0, 16)).toBe(`${D(3)}T16:00`)
      const hours = 24
      const at = (ms: number) => ({ now: new Date(ms).toISOString() })

      // 00:00 of the date − 24 h has passed (a day booking would be due), starts_at − 24 h not yet: nothing.
      expect(await sendResourceBookingRemindersJob(container, at(startOfDateIn(D(3), BERLIN) - hours * HOUR + HOUR))).toEqual([])
      expect(await sendResourceBookingRemindersJob(container, at(start - hours * HOUR - 60_000))).toEqual([])
      const [x, y] = await Promise.all([
        sendResourceBookingRemindersJob(container, at(start - hours * HOUR)),
        sendResourceBookingRemindersJob(container, at(start - hours * HOUR)),
      ])
      expect([...x, ...y]).toEqual([allocation.id])
      expect(await sendResourceBookingRemindersJob(container, at(start - HOUR))).toEqual([])
      const reminders = (await notificationsTo(email)).filter((n) => n.template === "resource-booking.reminder")
      expect(reminders).toHaveLength(1)
      expect(reminders[0].data).toMatchObject({ allocation_id: allocation.id, first_date: D(3), starts_at: allocation.starts_at, hours_before: 24 })
      expect(reminders[0].data.lines[0].times).toEqual([expect.objectContaining({ date: D(3), start_time: "16:00", end_time: "17:00", duration_minutes: 60 })])
    })
  },
})
