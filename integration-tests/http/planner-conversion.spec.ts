import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { RESOURCE_BOOKING_MODULE } from "../../src/modules/resource_booking"
import ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import { addDays, createAdminHeaders, settle } from "./admin-helpers"
import { sql } from "./helpers/db"
import { createShop, Shop, storeHeaders, uniqueName } from "./helpers/fixtures"

jest.setTimeout(180 * 1000)

/**
 * The operator's planner and the conversion report (contract "Scale and
 * operations"), in a zone that changes its clocks: the report's from/to are
 * local dates, and its boundaries are checked on the night of a DST change.
 */
const ZONE = "Europe/Berlin"
process.env.RESOURCE_BOOKING_TIMEZONE = ZONE
afterAll(() => {
  delete process.env.RESOURCE_BOOKING_TIMEZONE
})

const ALL_WEEK = Object.fromEntries(["0", "1", "2", "3", "4", "5", "6"].map((d) => [d, [["09:00", "17:00"]]]))

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let headers: Record<string, string>
    let service: ResourceBookingModuleService
    let shop: Shop
    let today: string

    beforeAll(async () => {
      const container = getContainer()
      ;({ headers } = await createAdminHeaders(container))
      service = container.resolve(RESOURCE_BOOKING_MODULE)
      shop = await createShop(container)
      today = service.today()
    })

    const get = (url: string) => settle(api.get(url, { headers }))
    const post = (url: string, body: unknown = {}) => settle(api.post(url, body, { headers }))
    const db = (text: string, params: unknown[] = []) => sql(dbConfig.clientUrl, text, params)

    async function createResource(body: Record<string, unknown>) {
      const res = await post("/admin/resources", body)
      expect(res.status).toBe(200)
      return res.data.resource
    }

    describe("GET /admin/resource-planner", () => {
      it("answers every resource × date with capacity, free, held, allocated, blackout, departures and appointment figures", async () => {
        const prefix = uniqueName("Planx")
        const [d2, d3, d4, d5] = [2, 3, 4, 5].map((n) => addDays(today, n))

        // A: a DAY resource with 5 a day on d3..d5.
        const a = await createResource({ type: "VEHICLE", name: `${prefix} A` })
        expect((await post(`/admin/resources/${a.id}/capacity`, { from: d3, to: d5, max_capacity: 5 })).status).toBe(200)
        await service.createHold({ resource_id: a.id, dates: [d3], quantity: 2, customer_email: "held@example.com" })
        const toConfirm = (await service.createHold({ resource_id: a.id, dates: [d3, d4], quantity: 1, customer_email: "paid@example.com" })).hold
        await service.confirmHold({ hold_id: toConfirm.id, order_id: "order_planner", line_item_id: "line_planner" })
        // A lapsed hold is free capacity, not held (invariant 3), before the sweep.
        const lapsed = (await service.createHold({ resource_id: a.id, dates: [d4], quantity: 1, customer_email: "late@example.com" })).hold
        await db(`UPDATE resource_hold SET expires_at = now() - interval '1 minute' WHERE id = $1`, [lapsed.id])
        expect((await post(`/admin/resources/${a.id}/blackouts`, { start_date: d5, end_date: d5, reason: "Service" })).status).toBe(200)

        // B: departures 07:00 and 16:30 with 4 seats on d3..d4; one seat held at 07:00 on d3.
        const b = await createResource({ type: "TOUR", name: `${prefix} B`, booking_mode: "DEPARTURE" })
        expect(
          (await post(`/admin/resources/${b.id}/capacity`, { from: d3, to: d4, start_times: ["07:00", "16:30"], duration_minutes: 90, max_capacity: 4 }))
            .status
        ).toBe(200)
        await service.createHold({ resource_id: b.id, departures: [{ date: d3, start_time: "07:00" }], quantity: 1, customer_email: "boat@example.com" })

        // C: an appointment resource, 09:00–17:00, 2 units; both units 10:00–11:00 on d3.
        const c = await createResource({
          type: "GUIDE",
          name: `${prefix} C`,
          booking_mode: "APPOINTMENT",
          appointment: { working_hours: ALL_WEEK, slot_minutes: 30, units: 2 },
        })
        await service.createHold({
          resource_id: c.id,
          appointment: { date: d3, start_time: "10:00", duration_minutes: 60 },
          quantity: 2,
          customer_email: "guided@example.com",
        })

        const res = await get(`/admin/resource-planner?from=${d2}&to=${d5}&q=${encodeURIComponent(prefix)}&limit=50`)
        expect(res.status).toBe(200)
        expect(res.data).toMatchObject({ count: 3, limit: 50, offset: 0, planner: { from: d2, to: d5 } })
        const [pa, pb, pc] = res.data.planner.resources
        expect([pa.id, pb.id, pc.id]).toEqual([a.id, b.id, c.id])
        expect(pa).toMatchObject({ name: `${prefix} A`, type: "VEHICLE", booking_mode: "DAY", is_active: true })
        expect(pa.days).toEqual([
          { date: d2, is_blacked_out: false, max_capacity: null, available_capacity: null, held: 0, allocated: 0 },
          { date: d3, is_blacked_out: false, max_capacity: 5, available_capacity: 2, held: 2, allocated: 1 },
          { date: d4, is_blacked_out: false, max_capacity: 5, available_capacity: 4, held: 0, allocated: 1 },
          { date: d5, is_blacked_out: true, max_capacity: 5, available_capacity: 5, held: 0, allocated: 0 },
        ])

        expect(pb.days.map((day: any) => day.date)).toEqual([d2, d3, d4, d5])
        expect(pb.days[0]).toMatchObject({ max_capacity: null, departures: [] })
        expect(pb.days[1]).toMatchObject({ max_capacity: 8, available_capacity: 7, held: 1, allocated: 0 })
        expect(pb.days[1].departures).toEqual([
          {
            start_time: "07:00",
            starts_at: `${d3}T07:00:00+01:00`,
            ends_at: `${d3}T08:30:00+01:00`,
            max_capacity: 4,
            available_capacity: 3,
            held: 1,
            allocated: 0,
          },
          expect.objectContaining({ start_time: "16:30", max_capacity: 4, available_capacity: 4, held: 0 }),
        ])

        expect(pc.days[1]).toMatchObject({
          date: d3,
          max_capacity: null,
          held: 2,
          allocated: 0,
          appointment: { units: 2, open_minutes: 480, busy_unit_minutes: 120, bookings: 1 },
        })
        expect(pc.days[2].appointment).toEqual({ units: 2, open_minutes: 480, busy_unit_minutes: 0, bookings: 0 })

        // Filter by type, page through the rest.
        const tours = await get(`/admin/resource-planner?from=${d2}&to=${d5}&q=${encodeURIComponent(prefix)}&type=TOUR`)
        expect(tours.data.planner.resources.map((r: any) => r.id)).toEqual([b.id])
        const page = await get(`/admin/resource-planner?from=${d2}&to=${d5}&q=${encodeURIComponent(prefix)}&limit=1&offset=1`)
        expect(page.data).toMatchObject({ count: 3, limit: 1, offset: 1 })
        expect(page.data.planner.resources.map((r: any) => r.id)).toEqual([b.id])
        const past = await get(`/admin/resource-planner?from=${d2}&to=${d5}&q=${encodeURIComponent(prefix)}&offset=10`)
        expect(past.data).toMatchObject({ count: 3, planner: { resources: [] } })
      })

      it("refuses bad queries with 400 naming the field", async () => {
        const cases: [string, RegExp][] = [
          [`to=${today}`, /from/],
          [`from=${today}&to=${addDays(today, -1)}`, /to must not be before from/],
          [`from=${today}&to=${addDays(today, 62)}`, /63 dates; the planner shows at most 62/],
          [`from=${today}&to=${today}&limit=501`, /limit must be at most 500/],
          [`from=${today}&to=${today}&type=BOAT`, /field 'type'/],
          [`from=2027-02-30&to=${today}`, /from must be a valid calendar date/],
        ]
        for (const [query, message] of cases) {
          const res = await get(`/admin/resource-planner?${query}`)
          expect([query, res.status]).toEqual([query, 400])
          expect(res.data.message).toMatch(message)
        }
      })
    })

    describe("GET /admin/resource-reports/conversion", () => {
      it("counts holds made on local dates by outcome, per channel and per resource, with the median minutes to order", async () => {
        const d = addDays(today, 20)
        const r1 = await createResource({ type: "VEHICLE", name: uniqueName("Conv R1") })
        const r2 = await createResource({ type: "VEHICLE", name: uniqueName("Conv R2") })
        for (const r of [r1, r2]) expect((await post(`/admin/resources/${r.id}/capacity`, { from: d, to: d, max_capacity: 50 })).status).toBe(200)

        // Storefront and widget holds come through the store API: the widget's header sets the channel.
        const storeHold = async (resourceId: string, extra: Record<string, string> = {}) => {
          const res = await settle(
            api.post(
              "/store/resource-holds",
              { resource_id: resourceId, dates: [d], quantity: 1, customer_email: `${Math.random()}@example.com` },
              storeHeaders(shop, extra)
            )
          )
          expect(res.status).toBe(201)
          expect(res.data.resource_hold.channel).toBeUndefined() // the store does not see it
          return res.data.resource_hold.id as string
        }
        const moduleHold = async (resourceId: string, channel: string) =>
          (await service.createHoldGroup({ items: [{ resource_id: resourceId, quantity: 1 }], dates: [d], customer_email: "m@example.com", channel } as any))
            .holds[0].id as string
        const widget = { "x-resource-booking-channel": "widget" }

        const h = {
          s1: await storeHold(r1.id), // confirmed after 10 min
          s2: await storeHold(r1.id), // confirmed after 25 min
          w1: await storeHold(r1.id, widget), // released, then archived by retention
          w2: await storeHold(r2.id, widget), // confirmed after 20 min
          o1: await moduleHold(r2.id, "octo"), // lapsed: expired
          l1: await moduleHold(r2.id, "waitlist"), // active
          a1: await moduleHold(r1.id, "admin"), // expired by the sweep's status
          before: await storeHold(r1.id), // made 23:59:59 the day before `from`: not counted
          after: await storeHold(r1.id), // made 00:00 the day after `to`: not counted
        }
        const { data: adminHolds } = await get(`/admin/resource-holds?resource_id=${r1.id}&limit=100`)
        const channelOf = Object.fromEntries(adminHolds.resource_holds.map((hold: any) => [hold.id, hold.channel]))
        expect([channelOf[h.s1], channelOf[h.w1], channelOf[h.a1]]).toEqual(["storefront", "widget", "admin"])

        for (const [id, minutes] of [
          [h.s1, 10],
          [h.s2, 25],
          [h.w2, 20],
          [h.after, 5],
        ] as const) {
          await service.confirmHold({ hold_id: id, order_id: `order_${id}`, line_item_id: `line_${id}` })
          await db(`UPDATE resource_hold SET confirmed_at = created_at + $2 * interval '1 minute' WHERE id = $1`, [id, minutes])
        }
        await service.releaseHold(h.w1)
        // a1 is expired the way the sweep leaves it (a status); o1 only lapsed (ACTIVE past expires_at).
        await db(`UPDATE resource_hold SET expires_at = now() - interval '1 minute' WHERE id = $1`, [h.a1])
        await service.expireHolds()
        await db(`UPDATE resource_hold SET expires_at = now() - interval '1 minute' WHERE id = $1`, [h.o1])

        // When they were made, in Europe/Berlin: 2026-03-28 (CET, +01:00) and 2026-03-29 (CEST from 02:00, +02:00).
        const madeAt: Record<string, string> = {
          s1: "2026-03-27T23:30:00Z", // 00:30 on the 28th
          s2: "2026-03-28T11:00:00Z",
          w1: "2026-03-29T21:59:00Z", // 23:59 on the 29th (+02:00)
          w2: "2026-03-29T08:00:00Z",
          o1: "2026-03-28T08:00:00Z",
          l1: "2026-03-29T00:30:00Z", // 01:30 on the 29th, before the change
          a1: "2026-03-28T20:00:00Z",
          before: "2026-03-27T22:59:59Z", // 23:59:59 on the 27th
          after: "2026-03-29T22:00:00Z", // 00:00 on the 30th
        }
        for (const [key, at] of Object.entries(madeAt)) {
          await db(
            `UPDATE resource_hold SET confirmed_at = $2::timestamptz + (confirmed_at - created_at), created_at = $2::timestamptz WHERE id = $1`,
            [(h as any)[key], at]
          )
        }
        // Retention moved the released widget hold to the archive: it still counts.
        await db(`INSERT INTO resource_hold_archive SELECT h.*, now() FROM resource_hold h WHERE h.id = $1`, [h.w1])
        await db(`DELETE FROM resource_hold WHERE id = $1`, [h.w1])
        const res = await get(`/admin/resource-reports/conversion?from=2026-03-28&to=2026-03-29`)
        expect(res.status).toBe(200)
        const figures = (made: number, confirmed: number, released: number, expired: number, active: number, median: number | null) => ({
          holds_made: made,
          confirmed,
          released,
          expired,
          active,
          conversion_rate: made ? Math.round((10000 * confirmed) / made) / 10000 : null,
          median_minutes_to_order: median,
        })
        expect(res.data.conversion).toEqual({
          from: "2026-03-28",
          to: "2026-03-29",
          totals: figures(7, 3, 1, 2, 1, 20),
          per_channel: [
            { channel: "admin", ...figures(1, 0, 0, 1, 0, null) },
            { channel: "octo", ...figures(1, 0, 0, 1, 0, null) },
            { channel: "storefront", ...figures(2, 2, 0, 0, 0, 17.5) },
            { channel: "waitlist", ...figures(1, 0, 0, 0, 1, null) },
            { channel: "widget", ...figures(2, 1, 1, 0, 0, 20) },
          ],
          per_resource: expect.arrayContaining([
            { resource_id: r1.id, name: r1.name, ...figures(4, 2, 1, 1, 0, 17.5) },
            { resource_id: r2.id, name: r2.name, ...figures(3, 1, 0, 1, 1, 20) },
          ]),
        })
        expect(res.data.conversion.per_resource).toHaveLength(2)
        expect(res.data.conversion.totals.conversion_rate).toBe(0.4286)

        // The filters, and the day boundaries: the 30th alone has the hold made at its midnight.
        const widgetOnly = await get(`/admin/resource-reports/conversion?from=2026-03-28&to=2026-03-29&channel=widget`)
        expect(widgetOnly.data.conversion).toMatchObject({ channel: "widget", totals: figures(2, 1, 1, 0, 0, 20) })
        expect(widgetOnly.data.conversion.per_channel.map((row: any) => row.channel)).toEqual(["widget"])
        const r2Only = await get(`/admin/resource-reports/conversion?from=2026-03-28&to=2026-03-29&resource_id=${r2.id}`)
        expect(r2Only.data.conversion.totals).toEqual(figures(3, 1, 0, 1, 1, 20))
        expect((await get(`/admin/resource-reports/conversion?from=2026-03-30&to=2026-03-30`)).data.conversion.totals).toEqual(
          figures(1, 1, 0, 0, 0, 5)
        )
        expect((await get(`/admin/resource-reports/conversion?from=2026-03-27&to=2026-03-27`)).data.conversion.totals).toEqual(
          figures(1, 0, 0, 0, 1, null)
        )
        const none = await get(`/admin/resource-reports/conversion?from=2020-01-01&to=2020-01-31`)
        expect(none.data.conversion).toEqual({ from: "2020-01-01", to: "2020-01-31", totals: figures(0, 0, 0, 0, 0, null), per_channel: [], per_resource: [] })
      })

      it("refuses bad queries with 400 naming the field", async () => {
        const cases: [string, RegExp][] = [
          [`to=2026-03-01`, /from/],
          [`from=2026-03-02&to=2026-03-01`, /to must not be before from/],
          [`from=2026-03-01&to=2026-03-01&channel=phone`, /'storefront, widget, octo, waitlist, admin' for field 'channel'/],
          [`from=2026-03-01&to=2026-03-01&resource_id=nope`, /resource_id must be an id/],
          [`from=2026-03-01&to=2028-03-01`, /at most 366 are allowed/],
        ]
        for (const [query, message] of cases) {
          const res = await get(`/admin/resource-reports/conversion?${query}`)
          expect([query, res.status]).toEqual([query, 400])
          expect(res.data.message).toMatch(message)
        }
      })
    })
  },
})
