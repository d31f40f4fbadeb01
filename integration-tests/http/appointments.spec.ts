import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "./admin-helpers"
import { assertLedgerInvariants, sql } from "./helpers/db"
import {
  addManualPaymentSession,
  attempt,
  BookableVariant,
  createBookableVariant,
  createCart,
  createShop,
  dayIn,
  Shop,
  storeHeaders,
  uniqueName,
  waitFor,
} from "./helpers/fixtures"

jest.setTimeout(240 * 1000)

/** Appointments over HTTP (contract "Appointments"), in a zone that changes its clocks. */
const ZONE = "Europe/Berlin"
process.env.RESOURCE_BOOKING_TIMEZONE = ZONE
afterAll(() => {
  delete process.env.RESOURCE_BOOKING_TIMEZONE
})

const D = (offset: number) => dayIn(ZONE, offset)
const ALL_WEEK = Object.fromEntries(["0", "1", "2", "3", "4", "5", "6"].map((d) => [d, [["09:00", "17:00"]]]))

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let shop: Shop
    let admin: { headers: Record<string, string> }
    let guide: BookableVariant

    /** An APPOINTMENT resource made through the admin API, and a variant booking it. */
    async function appointmentVariant(appointment: Record<string, unknown>) {
      const { data } = await api.post(
        "/admin/resources",
        { type: "GUIDE", name: uniqueName("Guide by the hour"), booking_mode: "APPOINTMENT", appointment },
        admin
      )
      return await createBookableVariant(getContainer(), shop, { resource: data.resource, unitPrice: 60 })
    }

    beforeAll(async () => {
      shop = await createShop(getContainer())
      admin = { headers: (await createAdminHeaders(getContainer(), "appointments-admin@example.com")).headers }
      guide = await appointmentVariant({
        working_hours: ALL_WEEK,
        slot_minutes: 30,
        min_duration_minutes: 60,
        max_duration_minutes: 240,
        buffer_after_minutes: 15,
        units: 1,
      })
    })

    const headers = () => storeHeaders(shop)
    const slots = async (path: string, date: string, duration = 60, quantity = 1) =>
      (await api.get(`${path}/slots?from=${date}&to=${date}&duration_minutes=${duration}&quantity=${quantity}`, headers())).data.slots
    const hold = (resourceId: string, date: string, start_time: string, duration_minutes = 60, extra: Record<string, unknown> = {}) =>
      attempt(
        api.post(
          "/store/resource-holds",
          { resource_id: resourceId, appointment: { date, start_time, duration_minutes }, quantity: 1, customer_email: "a@example.com", ...extra },
          headers()
        )
      )

    it("the admin sets appointment settings (400 naming the field), and the resource shows them", async () => {
      const { data } = await api.get(`/admin/resources/${guide.resource.id}`, admin)
      expect(data.resource).toMatchObject({ booking_mode: "APPOINTMENT", appointment: { slot_minutes: 30, buffer_after_minutes: 15, units: 1 } })
      const bad = await attempt(
        api.post(
          "/admin/resources",
          { type: "GUIDE", name: uniqueName("Bad"), booking_mode: "APPOINTMENT", appointment: { working_hours: { "2": [["12:00", "11:00"]] } } },
          admin
        )
      )
      expect([bad.status, bad.data.message]).toEqual([400, expect.stringContaining("appointment.working_hours.2[0]")])
      const offGrid = await attempt(api.post(`/admin/resources/${guide.resource.id}`, { appointment: { slot_minutes: 30, max_duration_minutes: 100 } }, admin))
      expect([offGrid.status, offGrid.data.message]).toEqual([400, expect.stringContaining("max_duration_minutes")])
      const store = await api.get(`/store/resources/${guide.resource.id}`, headers())
      expect(store.data.resource.booking_mode).toBe("APPOINTMENT")
    })

    it("slots, a hold on a range (201), its echo with instants, and the refusals: 400 off the grid, 409 taken", async () => {
      const date = D(6)
      const free = await slots(`/store/resources/${guide.resource.id}`, date)
      expect(free).toMatchObject({ resource_id: guide.resource.id, from: date, to: date, duration_minutes: 60, quantity: 1 })
      expect(free.dates[0].slots).toHaveLength(15)
      expect(free.dates[0].slots[0]).toEqual({
        start_time: "09:00",
        starts_at: expect.stringMatching(new RegExp(`^${date}T09:00:00\\+0[12]:00$`)),
        ends_at: expect.stringMatching(new RegExp(`^${date}T10:00:00\\+0[12]:00$`)),
        available_units: 1,
      })
      const made = await hold(guide.resource.id, date, "10:00", 90)
      expect(made.status).toBe(201)
      expect(made.data.resource_hold).toMatchObject({
        dates: [date],
        appointment: { date, start_time: "10:00", duration_minutes: 90 },
        starts_at: expect.stringContaining(`${date}T10:00:00`),
        ends_at: expect.stringContaining(`${date}T11:30:00`),
      })
      expect(made.data.resource_hold.departures).toBeUndefined()
      const after = (await slots(`/store/resources/${guide.resource.id}`, date)).dates[0].slots.map((s: any) => s.start_time)
      expect(after).not.toContain("10:30")
      expect(after).not.toContain("11:30") // the 15-minute buffer after 11:30
      expect(after).toContain("12:00")
      const taken = await hold(guide.resource.id, date, "11:00")
      expect([taken.status, taken.data.message]).toEqual([409, expect.stringContaining(`${date} 11:00`)])
      const offGrid = await hold(guide.resource.id, date, "12:10")
      expect([offGrid.status, offGrid.data.message]).toEqual([400, expect.stringContaining("not a start on the grid")])
      const tooLong = await hold(guide.resource.id, date, "12:00", 300)
      expect([tooLong.status, tooLong.data.message]).toEqual([400, expect.stringContaining("between 60 and 240")])
      const datesToIt = await attempt(
        api.post("/store/resource-holds", { resource_id: guide.resource.id, dates: [date], quantity: 1, customer_email: "a@example.com" }, headers())
      )
      expect([datesToIt.status, datesToIt.data.message]).toEqual([400, expect.stringContaining("booked by appointment")])
      const badQuery = await attempt(api.get(`/store/resources/${guide.resource.id}/slots?from=${date}&to=${D(80)}&duration_minutes=60`, headers()))
      expect([badQuery.status, badQuery.data.message]).toEqual([400, expect.stringContaining("at most 62")])
      const badDuration = await attempt(api.get(`/store/resources/${guide.resource.id}/slots?from=${date}&to=${date}&duration_minutes=75`, headers()))
      expect([badDuration.status, badDuration.data.message]).toEqual([400, expect.stringContaining("multiple of 30")])
    })

    it("120 concurrent holds of overlapping ranges on one unit: the winners never overlap, and the store's and admin's views agree", async () => {
      const date = D(7)
      const starts = ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "13:00", "13:30", "14:00"]
      const results = await Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          hold(guide.resource.id, date, starts[(i * 7) % starts.length], [60, 90, 120][i % 3], { customer_email: `r${i}@example.com` })
        )
      )
      const won = results.filter((r) => r.status === 201).map((r) => r.data.resource_hold)
      expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true)
      const spans = won
        .map((h: any) => [new Date(h.starts_at).getTime(), new Date(h.ends_at).getTime() + 15 * 60_000])
        .sort((a: number[], b: number[]) => a[0] - b[0])
      for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1])
      const manifest = await api.get(`/admin/resources/${guide.resource.id}/manifest?date=${date}`, admin)
      const timeline = manifest.data.manifest.units[0].bookings
      expect(timeline.map((b: any) => b.hold_id).sort()).toEqual(won.map((h: any) => h.id).sort())
      const free = (await slots(`/store/resources/${guide.resource.id}`, date)).dates[0].slots
      for (const slot of free) {
        const [a, b] = [new Date(slot.starts_at).getTime(), new Date(slot.ends_at).getTime() + 15 * 60_000]
        expect(spans.some(([x, y]: number[]) => x < b && a < y)).toBe(false)
      }
    })

    it("books an appointment into a cart and checks out: an allocation with starts_at/ends_at, the day's timeline per unit", async () => {
      const date = D(8)
      const cart = await createCart(api, shop, { email: "cart@example.com" })
      const variantSlots = await slots(`/store/product-variants/${guide.variantId}`, date, 120)
      expect(variantSlots.variant_id).toBe(guide.variantId)
      expect(variantSlots.dates[0].slots.map((s: any) => s.start_time)).toContain("13:00")
      const booked = await attempt(
        api.post(
          `/store/carts/${cart.id}/resource-bookings`,
          { variant_id: guide.variantId, appointment: { date, start_time: "13:00", duration_minutes: 120 }, quantity: 1 },
          headers()
        )
      )
      expect(booked.status).toBe(200)
      expect(booked.data.resource_hold.appointment).toEqual({ date, start_time: "13:00", duration_minutes: 120 })
      await addManualPaymentSession(api, shop, cart.id)
      const completed = await attempt(api.post(`/store/carts/${cart.id}/complete`, {}, headers()))
      expect(completed.status).toBe(200)
      const allocation = await waitFor(async () => {
        const { data } = await api.get(`/admin/resource-allocations?order_id=${completed.data.order.id}`, admin)
        return data.resource_allocations[0]
      })
      expect(allocation).toMatchObject({
        appointment: { date, start_time: "13:00", duration_minutes: 120 },
        starts_at: expect.stringContaining(`${date}T13:00:00`),
        ends_at: expect.stringContaining(`${date}T15:00:00`),
      })
      const manifest = await api.get(`/admin/resources/${guide.resource.id}/manifest?date=${date}`, admin)
      expect(manifest.data.manifest.units).toEqual([
        {
          unit: 1,
          bookings: [
            expect.objectContaining({
              allocation_id: allocation.id,
              order_id: completed.data.order.id,
              status: "ALLOCATED",
              window_ends_at: expect.stringContaining(`${date}T15:15:00`),
            }),
          ],
        },
      ])
      const rows = await sql(dbConfig.clientUrl, `SELECT count(*)::int AS n FROM resource_occupancy WHERE allocation_id = $1 AND live`, [allocation.id])
      expect(rows[0].n).toBe(1)
      await assertLedgerInvariants(dbConfig.clientUrl, guide.resource.id)
    })

    it("hours on a date: an exception, closed, back to the weekday's; GET lists them; 400 for ranges that do not make sense", async () => {
      const date = D(9)
      const base = `/admin/resources/${guide.resource.id}/hours`
      const set = await api.put(`${base}/${date}`, { hours: [["12:00", "14:00"]] }, admin)
      expect(set.data.hours).toEqual({ date, hours: [["12:00", "14:00"]], is_exception: true })
      expect((await slots(`/store/resources/${guide.resource.id}`, date)).dates[0].slots.map((s: any) => s.start_time)).toEqual(["12:00", "12:30", "13:00"])
      await api.put(`${base}/${date}`, { hours: [] }, admin)
      expect((await slots(`/store/resources/${guide.resource.id}`, date)).dates[0].slots).toEqual([])
      const listed = await api.get(`${base}?from=${date}&to=${D(10)}`, admin)
      expect(listed.data.hours).toEqual([
        { date, hours: [], is_exception: true },
        { date: D(10), hours: [["09:00", "17:00"]], is_exception: false },
      ])
      const back = await api.delete(`${base}/${date}`, admin)
      expect(back.data.hours).toEqual({ date, hours: [["09:00", "17:00"]], is_exception: false })
      const bad = await attempt(api.put(`${base}/${date}`, { hours: [["14:00", "12:00"]] }, admin))
      expect([bad.status, bad.data.message]).toEqual([400, expect.stringContaining("before it starts")])
      const overlap = await attempt(api.put(`${base}/${date}`, { hours: [["09:00", "12:00"], ["11:00", "13:00"]] }, admin))
      expect([overlap.status, overlap.data.message]).toEqual([400, expect.stringContaining("overlap")])
    })
  },
})
