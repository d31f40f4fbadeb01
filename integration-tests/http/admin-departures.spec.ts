import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { RESOURCE_BOOKING_MODULE } from "../../src/modules/resource_booking"
import ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import { nextSpringGap } from "../harness/fixtures"
import { addDays, createAdminHeaders, settle } from "./admin-helpers"
import { createBookableVariant, createShop } from "./helpers/fixtures"

jest.setTimeout(180 * 1000)

/**
 * The admin routes with DEPARTURE resources (contract "Booking modes",
 * "Departures"): booking_mode on create, capacity per departure with
 * `start_times` (and `skipped` in the spring gap), the refusals, one mode per
 * variant, the manifest grouped by departure and utilization per departure.
 *
 * The app runs in Europe/Berlin, which moves its clocks forward once a year:
 * set before the runner boots (medusaIntegrationTestRunner loads
 * medusa-config.ts, which reads it, before applying its own `env`).
 */
const ZONE = "Europe/Berlin"
process.env.RESOURCE_BOOKING_TIMEZONE = ZONE

/** `2027-03-28T07:00:00+02:00`: an instant with the zone's offset. */
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let service: ResourceBookingModuleService
    let today: string

    beforeEach(async () => {
      const container = getContainer()
      ;({ headers } = await createAdminHeaders(container))
      service = container.resolve(RESOURCE_BOOKING_MODULE)
      today = service.today()
    })

    const get = (url: string) => settle(api.get(url, { headers }))
    const post = (url: string, body: unknown = {}) => settle(api.post(url, body, { headers }))

    async function createResource(body: Record<string, unknown> = {}) {
      const res = await post("/admin/resources", { type: "TOUR", name: `Boat ${Math.random()}`, ...body })
      expect(res.status).toBe(200)
      return res.data.resource
    }

    /** A DEPARTURE resource with 07:00 and 16:30 departures (90 minutes) of `seats` on today+3..today+5. */
    async function boat(seats = 5, name?: string) {
      const resource = await createResource({ booking_mode: "DEPARTURE", ...(name ? { name } : {}) })
      const set = await post(`/admin/resources/${resource.id}/capacity`, {
        from: addDays(today, 3),
        to: addDays(today, 5),
        start_times: ["16:30", "07:00"],
        duration_minutes: 90,
        max_capacity: seats,
      })
      expect(set.status).toBe(200)
      return resource
    }

    const departureHold = (resourceId: string, departures: { date: string; start_time: string }[], quantity = 1, email = "sailor@example.com") =>
      service.createHold({ resource_id: resourceId, departures, quantity, customer_email: email }).then((r) => r.hold)

    describe("booking_mode", () => {
      it("is set on create (DAY by default), read back and listed; an unknown mode is a 400 naming it", async () => {
        const day = await createResource({ type: "VEHICLE" })
        expect(day.booking_mode).toBe("DAY")
        const departures = await createResource({ booking_mode: "DEPARTURE", name: "Sunset cruise" })
        expect(departures.booking_mode).toBe("DEPARTURE")
        expect((await get(`/admin/resources/${departures.id}`)).data.resource.booking_mode).toBe("DEPARTURE")
        const listed = await get("/admin/resources?q=Sunset")
        expect(listed.data.resources.map((r: any) => [r.name, r.booking_mode])).toEqual([["Sunset cruise", "DEPARTURE"]])

        // The list filters by mode.
        const byMode = await get("/admin/resources?booking_mode=DEPARTURE")
        expect(byMode.data.resources.map((r: any) => r.id)).toEqual([departures.id])
        expect((await get("/admin/resources?booking_mode=DAY")).data.resources.map((r: any) => r.id)).toEqual([day.id])
        const badFilter = await get("/admin/resources?booking_mode=HOURLY")
        expect(badFilter.status).toBe(400)
        expect(badFilter.data.message).toContain("booking_mode")

        const bad = await post("/admin/resources", { type: "TOUR", name: "Ferry", booking_mode: "HOURLY" })
        expect(bad.status).toBe(400)
        expect(bad.data.message).toContain("booking_mode")
        expect((await get("/admin/resources?q=Ferry")).data.count).toBe(0)
      })

      it("changes while nothing is booked from today on; 409 while a hold or an allocation is live, nothing changed", async () => {
        const r = await boat()
        expect((await post(`/admin/resources/${r.id}`, { booking_mode: "DAY" })).data.resource.booking_mode).toBe("DAY")
        expect((await post(`/admin/resources/${r.id}`, { booking_mode: "DEPARTURE" })).data.resource.booking_mode).toBe("DEPARTURE")

        const held = await departureHold(r.id, [{ date: addDays(today, 3), start_time: "07:00" }])
        const refused = await post(`/admin/resources/${r.id}`, { booking_mode: "DAY", name: "Renamed boat" })
        expect(refused.status).toBe(409)
        expect(refused.data.message).toContain("booking_mode")
        expect((await get(`/admin/resources/${r.id}`)).data.resource).toMatchObject({ booking_mode: "DEPARTURE", name: r.name })
        // The same mode again is no change, so no conflict.
        expect((await post(`/admin/resources/${r.id}`, { booking_mode: "DEPARTURE" })).status).toBe(200)

        // An allocation (the hold confirmed) keeps it refused; canceled, the mode may change.
        const { allocation } = await service.confirmHold({ hold_id: held.id, order_id: "order_boat", line_item_id: "ordli_boat" })
        expect((await post(`/admin/resources/${r.id}`, { booking_mode: "DAY" })).status).toBe(409)
        await post(`/admin/resource-allocations/${allocation.id}/cancel`, { restore_capacity: true })
        expect((await post(`/admin/resources/${r.id}`, { booking_mode: "DAY" })).data.resource.booking_mode).toBe("DAY")
      })
    })

    describe("capacity per departure", () => {
      it("sets each start time on each date and reads them back with instants in the zone's offset", async () => {
        const r = await createResource({ booking_mode: "DEPARTURE" })
        const [from, to] = [addDays(today, 3), addDays(today, 4)]
        const set = await post(`/admin/resources/${r.id}/capacity`, {
          from,
          to,
          start_times: ["16:30", "07:00"],
          duration_minutes: 90,
          max_capacity: 12,
        })
        expect(set.status).toBe(200)
        expect(set.data.skipped).toEqual([])
        expect(set.data.capacity.map((row: any) => [row.date, row.start_time, row.duration_minutes, row.max_capacity, row.available_capacity])).toEqual([
          [from, "07:00", 90, 12, 12],
          [from, "16:30", 90, 12, 12],
          [to, "07:00", 90, 12, 12],
          [to, "16:30", 90, 12, 12],
        ])

        const read = await get(`/admin/resources/${r.id}/capacity?from=${from}&to=${to}`)
        expect(read.status).toBe(200)
        expect(read.data.capacity).toHaveLength(4)
        for (const row of read.data.capacity) {
          expect(row.starts_at).toMatch(ZONED_ISO)
          expect(row.ends_at).toMatch(ZONED_ISO)
          // Local start in the zone, and 90 real minutes long.
          expect(row.starts_at.slice(0, 16)).toBe(`${row.date}T${row.start_time}`)
          expect(Date.parse(row.ends_at) - Date.parse(row.starts_at)).toBe(90 * 60_000)
        }
      })

      it("skips a start time that does not exist on the spring-forward date and reports it", async () => {
        const gap = nextSpringGap(ZONE, addDays(today, 1))
        expect(gap).not.toBeNull()
        const r = await createResource({ booking_mode: "DEPARTURE" })
        const [before, after] = [addDays(gap!.date, -1), addDays(gap!.date, 1)]
        const set = await post(`/admin/resources/${r.id}/capacity`, {
          from: before,
          to: after,
          start_times: [gap!.time, "07:00"],
          duration_minutes: 60,
          max_capacity: 4,
        })
        expect(set.status).toBe(200)
        expect(set.data.skipped).toEqual([{ date: gap!.date, start_time: gap!.time }])
        expect(set.data.capacity.map((row: any) => `${row.date} ${row.start_time}`)).toEqual([
          `${before} ${gap!.time}`,
          `${before} 07:00`,
          `${gap!.date} 07:00`,
          `${after} ${gap!.time}`,
          `${after} 07:00`,
        ])
        // The offsets differ across the change: the day after is one hour further from UTC.
        const rows = (await get(`/admin/resources/${r.id}/capacity?from=${before}&to=${after}`)).data.capacity
        const offsetOf = (date: string) => rows.find((row: any) => row.date === date && row.start_time === "07:00").starts_at.slice(19)
        expect(offsetOf(before)).not.toBe(offsetOf(after))
      })

      it("refuses start_times on a DAY resource, a DEPARTURE resource without them, and bad times (400 naming the field)", async () => {
        const dayResource = await createResource({ type: "VEHICLE" })
        const boatResource = await createResource({ booking_mode: "DEPARTURE" })
        const range = { from: addDays(today, 3), to: addDays(today, 4) }
        const cases: [string, Record<string, unknown>, string][] = [
          [dayResource.id, { ...range, start_times: ["07:00"], duration_minutes: 60, max_capacity: 2 }, "start_times"],
          [boatResource.id, { ...range, max_capacity: 2 }, "start_times"],
          [boatResource.id, { ...range, start_times: ["07:03"], duration_minutes: 60, max_capacity: 2 }, "start_times[0]"],
          [boatResource.id, { ...range, start_times: ["25:00"], duration_minutes: 60, max_capacity: 2 }, "start_times"],
          [boatResource.id, { ...range, start_times: [], duration_minutes: 60, max_capacity: 2 }, "start_times"],
          [boatResource.id, { ...range, start_times: ["07:00", "07:00"], duration_minutes: 60, max_capacity: 2 }, "start_times"],
          [boatResource.id, { ...range, start_times: ["07:00"], max_capacity: 2 }, "duration_minutes"],
          [boatResource.id, { ...range, start_times: ["07:00"], duration_minutes: 0, max_capacity: 2 }, "duration_minutes"],
        ]
        for (const [id, body, field] of cases) {
          const res = await post(`/admin/resources/${id}/capacity`, body)
          expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400])
          expect(res.data.message).toContain(field)
        }
        for (const r of [dayResource, boatResource]) {
          expect((await get(`/admin/resources/${r.id}/capacity?from=${range.from}&to=${range.to}`)).data.capacity).toEqual([])
        }
      })

      it("keeps what is taken per departure; 409 naming the departure that would go below it, nothing changed", async () => {
        const r = await boat(5)
        const d = addDays(today, 3)
        await departureHold(r.id, [{ date: d, start_time: "07:00" }], 3)
        const refused = await post(`/admin/resources/${r.id}/capacity`, {
          from: d,
          to: d,
          start_times: ["07:00", "16:30"],
          duration_minutes: 90,
          max_capacity: 2,
        })
        expect(refused.status).toBe(409)
        expect(refused.data.message).toContain(`${d} 07:00`)
        expect(refused.data.message).not.toContain(`${d} 16:30`)
        const kept = (await get(`/admin/resources/${r.id}/capacity?from=${d}&to=${d}`)).data.capacity
        expect(kept.map((row: any) => [row.start_time, row.max_capacity, row.available_capacity])).toEqual([
          ["07:00", 5, 2],
          ["16:30", 5, 5],
        ])
        const raised = await post(`/admin/resources/${r.id}/capacity`, {
          from: d,
          to: d,
          start_times: ["07:00"],
          duration_minutes: 90,
          max_capacity: 8,
        })
        expect(raised.data.capacity).toEqual([expect.objectContaining({ start_time: "07:00", max_capacity: 8, available_capacity: 5 })])
      })
    })

    describe("variants", () => {
      it("a variant books resources of one mode: linking a resource of another mode is a 409 from either side", async () => {
        const container = getContainer()
        const shop = await createShop(container)
        // The variant books a DAY resource (the fixtures' default).
        const variant = await createBookableVariant(container, shop)
        const r = await boat(5, "Harbour ferry")

        const fromResource = await post(`/admin/resources/${r.id}/variants`, { variant_ids: [variant.variantId] })
        expect(fromResource.status).toBe(409)
        expect(fromResource.data.message).toContain("one booking mode")
        const fromVariant = await post(`/admin/product-variants/${variant.variantId}/resources`, { resource_id: r.id })
        expect(fromVariant.status).toBe(409)
        const listed = await get(`/admin/product-variants/${variant.variantId}/resources`)
        expect(listed.data.resources.map((x: any) => [x.id, x.booking_mode])).toEqual([[variant.resource.id, "DAY"]])

        // A variant of its own books the departure resource, and says so.
        const own = await createBookableVariant(container, shop, { resource: r })
        const ownResources = await get(`/admin/product-variants/${own.variantId}/resources`)
        expect(ownResources.data.resources).toEqual([expect.objectContaining({ id: r.id, booking_mode: "DEPARTURE", units: 1 })])
      })
    })

    describe("manifest and utilization", () => {
      it("groups a date's allocations and holds by departure, with each departure's capacity and instants", async () => {
        const r = await boat(12)
        const d = addDays(today, 3)
        const morning = { date: d, start_time: "07:00" }
        const evening = { date: d, start_time: "16:30" }
        const both = await departureHold(r.id, [morning, evening], 2, "both@example.com")
        await departureHold(r.id, [evening], 3, "evening@example.com")
        const paid = await departureHold(r.id, [morning], 4, "paid@example.com")
        const { allocation } = await service.confirmHold({ hold_id: paid.id, order_id: "order_sunrise", line_item_id: "ordli_sunrise" })
        // Another date's booking is not on this manifest.
        await departureHold(r.id, [{ date: addDays(today, 4), start_time: "07:00" }], 1, "tomorrow@example.com")

        const res = await get(`/admin/resources/${r.id}/manifest?date=${d}`)
        expect(res.status).toBe(200)
        const manifest = res.data.manifest
        expect(manifest).toMatchObject({ resource_id: r.id, date: d, booking_mode: "DEPARTURE", capacity: null })
        expect(manifest.resource_holds.map((h: any) => h.customer_email).sort()).toEqual(["both@example.com", "evening@example.com"])
        expect(manifest.resource_allocations.map((a: any) => a.id)).toEqual([allocation.id])

        expect(manifest.departures.map((x: any) => x.start_time)).toEqual(["07:00", "16:30"])
        const [first, second] = manifest.departures
        expect(first.starts_at.slice(0, 16)).toBe(`${d}T07:00`)
        expect(first.starts_at).toMatch(ZONED_ISO)
        expect(Date.parse(first.ends_at) - Date.parse(first.starts_at)).toBe(90 * 60_000)
        expect(first.capacity).toMatchObject({ date: d, start_time: "07:00", max_capacity: 12, available_capacity: 6 })
        expect(first.resource_holds.map((h: any) => h.id)).toEqual([both.id])
        expect(first.resource_allocations).toEqual([
          expect.objectContaining({ id: allocation.id, order_id: "order_sunrise", quantity: 4, departures: [expect.objectContaining(morning)] }),
        ])
        expect(second.capacity).toMatchObject({ start_time: "16:30", max_capacity: 12, available_capacity: 7 })
        expect(second.resource_holds.map((h: any) => h.customer_email).sort()).toEqual(["both@example.com", "evening@example.com"])
        expect(second.resource_allocations).toEqual([])
        // A hold of two departures carries both, with their instants.
        expect(second.resource_holds.find((h: any) => h.id === both.id).departures.map((x: any) => x.start_time)).toEqual(["07:00", "16:30"])

        // A DAY resource's manifest has its mode and no departures.
        const dayResource = await createResource({ type: "VEHICLE" })
        const dayManifest = (await get(`/admin/resources/${dayResource.id}/manifest?date=${d}`)).data.manifest
        expect(dayManifest.booking_mode).toBe("DAY")
        expect(dayManifest).not.toHaveProperty("departures")
      })

      it("answers utilization per departure for DEPARTURE resources only", async () => {
        const r = await boat(10, "Utilization boat")
        const dayResource = await createResource({ type: "VEHICLE", name: "Utilization truck" })
        await post(`/admin/resources/${dayResource.id}/capacity`, { from: addDays(today, 3), to: addDays(today, 5), max_capacity: 2 })
        await departureHold(r.id, [{ date: addDays(today, 3), start_time: "07:00" }], 4)
        const held = await departureHold(r.id, [{ date: addDays(today, 4), start_time: "16:30" }], 2)
        await service.confirmHold({ hold_id: held.id, order_id: "order_u", line_item_id: "ordli_u" })

        const res = await get(`/admin/resource-utilization?from=${addDays(today, 3)}&to=${addDays(today, 5)}`)
        expect(res.status).toBe(200)
        const rows = Object.fromEntries(res.data.utilization.map((row: any) => [row.name, row]))
        expect(rows["Utilization boat"]).toMatchObject({ total_capacity: 60, held: 4, allocated: 2, utilization_percent: 10 })
        expect(rows["Utilization boat"].by_departure).toEqual([
          { start_time: "07:00", departures: 3, total_capacity: 30, held: 4, allocated: 0, utilization_percent: 13.33 },
          { start_time: "16:30", departures: 3, total_capacity: 30, held: 0, allocated: 2, utilization_percent: 6.67 },
        ])
        expect(rows["Utilization truck"]).not.toHaveProperty("by_departure")
      })
    })
  },
})
