import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { RESOURCE_BOOKING_MODULE } from "../../src/modules/resource_booking"
import ResourceBookingModuleService from "../../src/modules/resource_booking/service"
import { addDays, createAdminHeaders, createSecretKeyHeaders, settle, weekdayOf } from "./admin-helpers"

jest.setTimeout(120 * 1000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, string>
    let userId: string
    let service: ResourceBookingModuleService
    let today: string

    beforeEach(async () => {
      const container = getContainer()
      ;({ headers, userId } = await createAdminHeaders(container))
      service = container.resolve(RESOURCE_BOOKING_MODULE)
      today = service.today()
    })

    const get = (url: string, h = headers) => settle(api.get(url, { headers: h }))
    const post = (url: string, body: unknown = {}, h = headers) => settle(api.post(url, body, { headers: h }))
    const del = (url: string, body?: unknown, h = headers) => settle(api.delete(url, { headers: h, data: body }))

    async function createResource(body: Record<string, unknown> = {}) {
      const res = await post("/admin/resources", { type: "VEHICLE", name: `Cruiser ${Math.random()}`, ...body })
      expect(res.status).toBe(200)
      return res.data.resource
    }

    async function withCapacity(resourceId: string, from: string, to: string, max_capacity: number) {
      const res = await post(`/admin/resources/${resourceId}/capacity`, { from, to, max_capacity })
      expect(res.status).toBe(200)
    }

    async function hold(resourceId: string, dates: string[], quantity = 1, email = "guest@example.com") {
      return (await service.createHold({ resource_id: resourceId, dates, quantity, customer_email: email })).hold
    }

    async function allocation(resourceId: string, dates: string[], quantity = 1, orderId = "order_1") {
      const h = await hold(resourceId, dates, quantity)
      return (await service.confirmHold({ hold_id: h.id, order_id: orderId, line_item_id: `ordli_${h.id}` })).allocation
    }

    describe("authentication", () => {
      it("answers 401 on every admin route without credentials", async () => {
        const id = "res_unknown"
        const routes: [string, string][] = [
          ["get", "/admin/resources"],
          ["post", "/admin/resources"],
          ["get", `/admin/resources/${id}`],
          ["post", `/admin/resources/${id}`],
          ["delete", `/admin/resources/${id}`],
          ["get", `/admin/resources/${id}/capacity?from=${today}&to=${today}`],
          ["post", `/admin/resources/${id}/capacity`],
          ["get", `/admin/resources/${id}/blackouts`],
          ["post", `/admin/resources/${id}/blackouts`],
          ["delete", `/admin/resources/${id}/blackouts/rblk_x`],
          ["get", `/admin/resources/${id}/manifest?date=${today}`],
          ["get", `/admin/resources/${id}/audit`],
          ["get", `/admin/resources/${id}/variants`],
          ["post", `/admin/resources/${id}/variants`],
          ["delete", `/admin/resources/${id}/variants`],
          ["get", "/admin/resource-holds"],
          ["post", "/admin/resource-holds/rhold_x/release"],
          ["get", "/admin/resource-allocations"],
          ["post", "/admin/resource-allocations/ralloc_x/cancel"],
          ["get", `/admin/resource-utilization?from=${today}&to=${today}`],
        ]
        for (const [method, url] of routes) {
          const res =
            method === "get" ? await get(url, {}) : method === "post" ? await post(url, {}, {}) : await del(url, undefined, {})
          expect([method, url, res.status]).toEqual([method, url, 401])
        }
      })

      it("accepts a bearer token and a secret API key", async () => {
        expect((await get("/admin/resources")).status).toBe(200)
        const keyHeaders = await createSecretKeyHeaders(getContainer(), userId)
        expect((await get("/admin/resources", keyHeaders)).status).toBe(200)
        expect((await get("/admin/resources", { authorization: "Bearer not-a-token" })).status).toBe(401)
      })
    })

    describe("resources", () => {
      it("creates, reads, updates and lists a resource", async () => {
        const created = await post("/admin/resources", {
          type: "TOUR",
          name: "Fraser Island Day Tour",
          description: "Sand and lakes",
          metadata: { seats: 11 },
        })
        expect(created.status).toBe(200)
        expect(created.data.resource).toMatchObject({
          id: expect.stringMatching(/^res_/),
          type: "TOUR",
          name: "Fraser Island Day Tour",
          description: "Sand and lakes",
          metadata: { seats: 11 },
          is_active: true,
        })
        const id = created.data.resource.id

        const read = await get(`/admin/resources/${id}`)
        expect(read.status).toBe(200)
        expect(read.data.resource.name).toBe("Fraser Island Day Tour")

        const updated = await post(`/admin/resources/${id}`, { is_active: false, description: null })
        expect(updated.status).toBe(200)
        expect(updated.data.resource).toMatchObject({ id, is_active: false, description: null, name: "Fraser Island Day Tour" })

        const renamed = await post(`/admin/resources/${id}`, { name: "Fraser Tour" })
        expect(renamed.status).toBe(200)
        expect(renamed.data.resource.name).toBe("Fraser Tour")
        // Renaming to its own name is no conflict.
        expect((await post(`/admin/resources/${id}`, { name: "Fraser Tour" })).status).toBe(200)
      })

      it("refuses invalid input with 400 naming the field", async () => {
        const cases: [Record<string, unknown>, string][] = [
          [{ name: "X" }, "type"],
          [{ type: "BOAT", name: "X" }, "type"],
          [{ type: "VEHICLE" }, "name"],
          [{ type: "VEHICLE", name: "" }, "name"],
          [{ type: "VEHICLE", name: "X", is_active: "yes" }, "is_active"],
          [{ type: "VEHICLE", name: "X", colour: "red" }, "colour"],
          [{ type: "VEHICLE", name: "X", metadata: "m" }, "metadata"],
        ]
        for (const [body, field] of cases) {
          const res = await post("/admin/resources", body)
          expect([field, res.status]).toEqual([field, 400])
          expect(res.data.message).toContain(field)
        }
        const r = await createResource()
        const res = await post(`/admin/resources/${r.id}`, { type: "BOAT" })
        expect(res.status).toBe(400)
        expect(res.data.message).toContain("type")
      })

      it("answers 409 for a name used by a not-deleted resource, and frees it on delete", async () => {
        const first = await createResource({ name: "Land Cruiser 1" })
        const dup = await post("/admin/resources", { type: "GUIDE", name: "Land Cruiser 1" })
        expect(dup.status).toBe(409)
        expect(dup.data.message).toContain("Land Cruiser 1")

        const other = await createResource({ name: "Land Cruiser 2" })
        const rename = await post(`/admin/resources/${other.id}`, { name: "Land Cruiser 1" })
        expect(rename.status).toBe(409)
        expect(rename.data.message).toContain("Land Cruiser 1")

        // Racing creates: the unique index decides, the loser gets 409 too.
        const racing = await Promise.all(
          [1, 2, 3].map(() => post("/admin/resources", { type: "VEHICLE", name: "Race Car" }))
        )
        expect(racing.map((r) => r.status).sort()).toEqual([200, 409, 409])

        const deleted = await del(`/admin/resources/${first.id}`)
        expect(deleted.status).toBe(200)
        expect(deleted.data).toEqual({ id: first.id, object: "resource", deleted: true })
        expect((await get(`/admin/resources/${first.id}`)).status).toBe(404)
        expect((await post("/admin/resources", { type: "VEHICLE", name: "Land Cruiser 1" })).status).toBe(200)
      })

      it("answers 404 for unknown or deleted resources", async () => {
        expect((await get("/admin/resources/res_nope")).status).toBe(404)
        expect((await post("/admin/resources/res_nope", { name: "A" })).status).toBe(404)
        expect((await del("/admin/resources/res_nope")).status).toBe(404)
        const r = await createResource()
        await del(`/admin/resources/${r.id}`)
        expect((await del(`/admin/resources/${r.id}`)).status).toBe(404)
        expect((await post(`/admin/resources/${r.id}`, { name: "B" })).status).toBe(404)
        expect((await get(`/admin/resources/${r.id}/capacity?from=${today}&to=${today}`)).status).toBe(404)
      })

      it("filters by type, is_active and q, and pages", async () => {
        await createResource({ type: "VEHICLE", name: "Alpha Troopy" })
        await createResource({ type: "VEHICLE", name: "Bravo Troopy", is_active: false })
        await createResource({ type: "TOUR", name: "Charlie Reef Tour", description: "snorkel" })
        await createResource({ type: "GUIDE", name: "Delta Guide" })

        const all = await get("/admin/resources")
        expect(all.status).toBe(200)
        expect(all.data).toMatchObject({ count: 4, limit: 20, offset: 0 })
        expect(all.data.resources.map((r: any) => r.name)).toEqual([
          "Alpha Troopy",
          "Bravo Troopy",
          "Charlie Reef Tour",
          "Delta Guide",
        ])

        const vehicles = await get("/admin/resources?type=VEHICLE")
        expect(vehicles.data.count).toBe(2)
        const activeVehicles = await get("/admin/resources?type=VEHICLE&is_active=true")
        expect(activeVehicles.data.resources.map((r: any) => r.name)).toEqual(["Alpha Troopy"])
        const inactive = await get("/admin/resources?is_active=false")
        expect(inactive.data.resources.map((r: any) => r.name)).toEqual(["Bravo Troopy"])
        const search = await get("/admin/resources?q=troopy")
        expect(search.data.count).toBe(2)
        const byDescription = await get("/admin/resources?q=snork")
        expect(byDescription.data.resources.map((r: any) => r.name)).toEqual(["Charlie Reef Tour"])

        const page = await get("/admin/resources?limit=2&offset=1")
        expect(page.data).toMatchObject({ count: 4, limit: 2, offset: 1 })
        expect(page.data.resources.map((r: any) => r.name)).toEqual(["Bravo Troopy", "Charlie Reef Tour"])

        for (const [query, field] of [
          ["limit=101", "limit"],
          ["limit=0", "limit"],
          ["offset=-1", "offset"],
          ["type=BOAT", "type"],
          ["is_active=maybe", "is_active"],
          ["limit=abc", "limit"],
        ]) {
          const res = await get(`/admin/resources?${query}`)
          expect([query, res.status]).toEqual([query, 400])
          expect(res.data.message).toContain(field)
        }
        expect((await get("/admin/resources?limit=100")).status).toBe(200)
      })

      it("refuses to delete a resource with active holds or allocations from today on", async () => {
        const withHold = await createResource()
        await withCapacity(withHold.id, today, addDays(today, 5), 3)
        const h = await hold(withHold.id, [addDays(today, 2)])
        const refused = await del(`/admin/resources/${withHold.id}`)
        expect(refused.status).toBe(409)
        expect(refused.data.message).toContain(withHold.id)
        expect((await get(`/admin/resources/${withHold.id}`)).status).toBe(200)
        await post(`/admin/resource-holds/${h.id}/release`)
        expect((await del(`/admin/resources/${withHold.id}`)).status).toBe(200)

        const withAllocation = await createResource()
        await withCapacity(withAllocation.id, today, addDays(today, 5), 3)
        const a = await allocation(withAllocation.id, [today])
        expect((await del(`/admin/resources/${withAllocation.id}`)).status).toBe(409)
        await post(`/admin/resource-allocations/${a.id}/cancel`, { restore_capacity: true })
        expect((await del(`/admin/resources/${withAllocation.id}`)).status).toBe(200)
      })
    })

    describe("capacity", () => {
      it("sets capacity over a range and weekdays, keeping what is taken", async () => {
        const r = await createResource()
        const from = addDays(today, 1)
        const to = addDays(today, 14)
        const set = await post(`/admin/resources/${r.id}/capacity`, { from, to, max_capacity: 4 })
        expect(set.status).toBe(200)
        expect(set.data.capacity).toHaveLength(14)
        expect(set.data.capacity[0]).toEqual({ date: from, max_capacity: 4, available_capacity: 4 })

        await hold(r.id, [from, addDays(from, 1)], 3)
        const weekday = weekdayOf(from)
        const onWeekday = await post(`/admin/resources/${r.id}/capacity`, { from, to, max_capacity: 6, weekdays: [weekday] })
        expect(onWeekday.status).toBe(200)
        expect(onWeekday.data.capacity.map((d: any) => d.date)).toEqual([from, addDays(from, 7), addDays(from, 14)].filter((d) => d <= to))
        expect(onWeekday.data.capacity[0]).toEqual({ date: from, max_capacity: 6, available_capacity: 3 })

        const read = await get(`/admin/resources/${r.id}/capacity?from=${from}&to=${addDays(from, 1)}`)
        expect(read.status).toBe(200)
        expect(read.data.capacity).toEqual([
          { date: from, max_capacity: 6, available_capacity: 3 },
          { date: addDays(from, 1), max_capacity: 4, available_capacity: 1 },
        ])
        // A range without rows answers an empty list (those dates have no capacity).
        const empty = await get(`/admin/resources/${r.id}/capacity?from=${addDays(today, 30)}&to=${addDays(today, 31)}`)
        expect(empty.data.capacity).toEqual([])
      })

      it("answers 409 naming the dates when capacity would fall below what is taken, changing nothing", async () => {
        const r = await createResource()
        const from = addDays(today, 1)
        await withCapacity(r.id, from, addDays(from, 4), 5)
        await hold(r.id, [addDays(from, 1), addDays(from, 3)], 4)
        const res = await post(`/admin/resources/${r.id}/capacity`, { from, to: addDays(from, 4), max_capacity: 2 })
        expect(res.status).toBe(409)
        expect(res.data.type).toBe("conflict")
        expect(res.data.message).toContain(addDays(from, 1))
        expect(res.data.message).toContain(addDays(from, 3))
        expect(res.data.message).not.toContain(addDays(from, 2))
        const read = await get(`/admin/resources/${r.id}/capacity?from=${from}&to=${addDays(from, 4)}`)
        expect(read.data.capacity.map((d: any) => d.max_capacity)).toEqual([5, 5, 5, 5, 5])
      })

      it("validates capacity input", async () => {
        const r = await createResource()
        const from = addDays(today, 1)
        const cases: [Record<string, unknown>, string][] = [
          [{ to: from, max_capacity: 1 }, "from"],
          [{ from: "2027-02-30", to: from, max_capacity: 1 }, "from"],
          [{ from, to: from }, "max_capacity"],
          [{ from, to: from, max_capacity: -1 }, "max_capacity"],
          [{ from, to: from, max_capacity: 1.5 }, "max_capacity"],
          [{ from, to: from, max_capacity: 1, weekdays: [7] }, "weekdays"],
          [{ from, to: addDays(from, -1), max_capacity: 1 }, "to"],
          [{ from: addDays(today, -1), to: from, max_capacity: 1 }, "from"],
          [{ from, to: addDays(from, 366), max_capacity: 1 }, "from"],
        ]
        for (const [body, field] of cases) {
          const res = await post(`/admin/resources/${r.id}/capacity`, body)
          expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400])
          expect(res.data.message).toContain(field)
        }
        const ok = await post(`/admin/resources/${r.id}/capacity`, { from, to: addDays(from, 365), max_capacity: 1 })
        expect(ok.status).toBe(200)
        expect((await get(`/admin/resources/${r.id}/capacity?from=${from}`)).status).toBe(400)
        expect((await get(`/admin/resources/${r.id}/capacity?from=${from}&to=${addDays(from, 366)}`)).status).toBe(400)
        expect((await post(`/admin/resources/res_nope/capacity`, { from, to: from, max_capacity: 1 })).status).toBe(404)
      })
    })

    describe("blackouts", () => {
      it("creates a blackout that releases holds and flags allocations; lists and deletes", async () => {
        const r = await createResource()
        const d1 = addDays(today, 3)
        await withCapacity(r.id, today, addDays(today, 10), 5)
        const inRange = await hold(r.id, [d1], 2)
        const outside = await hold(r.id, [addDays(today, 8)], 1)
        const a = await allocation(r.id, [addDays(d1, 1)], 1, "order_b")

        const created = await post(`/admin/resources/${r.id}/blackouts`, {
          start_date: d1,
          end_date: addDays(d1, 2),
          reason: "Service",
        })
        expect(created.status).toBe(200)
        expect(created.data.resource_blackout).toMatchObject({
          id: expect.any(String),
          resource_id: r.id,
          start_date: d1,
          end_date: addDays(d1, 2),
          reason: "Service",
        })
        expect(created.data.released_hold_ids).toEqual([inRange.id])
        expect(created.data.flagged_allocation_ids).toEqual([a.id])
        expect((await service.retrieveHold(outside.id)).status).toBe("ACTIVE")
        const cap = await get(`/admin/resources/${r.id}/capacity?from=${d1}&to=${d1}`)
        expect(cap.data.capacity[0].available_capacity).toBe(5)
        const flagged = await get(`/admin/resource-allocations?needs_review=true`)
        expect(flagged.data.resource_allocations.map((x: any) => x.id)).toEqual([a.id])

        const keep = await post(`/admin/resources/${r.id}/blackouts`, {
          start_date: addDays(today, 8),
          end_date: addDays(today, 8),
          release_active_holds: false,
        })
        expect(keep.status).toBe(200)
        expect(keep.data.released_hold_ids).toEqual([])

        const list = await get(`/admin/resources/${r.id}/blackouts`)
        expect(list.status).toBe(200)
        expect(list.data).toMatchObject({ count: 2, limit: 20, offset: 0 })
        const paged = await get(`/admin/resources/${r.id}/blackouts?limit=1&offset=1`)
        expect(paged.data.resource_blackouts.map((b: any) => b.id)).toEqual([keep.data.resource_blackout.id])
        const filtered = await get(`/admin/resources/${r.id}/blackouts?from=${addDays(today, 7)}`)
        expect(filtered.data.count).toBe(1)

        const other = await createResource()
        const wrong = await del(`/admin/resources/${other.id}/blackouts/${keep.data.resource_blackout.id}`)
        expect(wrong.status).toBe(404)
        const removed = await del(`/admin/resources/${r.id}/blackouts/${keep.data.resource_blackout.id}`)
        expect(removed.status).toBe(200)
        expect(removed.data).toEqual({ id: keep.data.resource_blackout.id, object: "resource_blackout", deleted: true })
        expect((await get(`/admin/resources/${r.id}/blackouts`)).data.count).toBe(1)
        expect((await del(`/admin/resources/${r.id}/blackouts/${keep.data.resource_blackout.id}`)).status).toBe(404)
      })

      it("validates blackout input", async () => {
        const r = await createResource()
        const d = addDays(today, 2)
        const cases: [Record<string, unknown>, string][] = [
          [{ end_date: d }, "start_date"],
          [{ start_date: d }, "end_date"],
          [{ start_date: d, end_date: addDays(d, -1) }, "end_date"],
          [{ start_date: addDays(today, -1), end_date: d }, "start_date"],
          [{ start_date: d, end_date: d, release_active_holds: "no" }, "release_active_holds"],
          [{ start_date: "tomorrow", end_date: d }, "start_date"],
        ]
        for (const [body, field] of cases) {
          const res = await post(`/admin/resources/${r.id}/blackouts`, body)
          expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400])
          expect(res.data.message).toContain(field)
        }
        expect((await post(`/admin/resources/res_nope/blackouts`, { start_date: d, end_date: d })).status).toBe(404)
        expect((await get(`/admin/resources/res_nope/blackouts`)).status).toBe(404)
        expect((await get(`/admin/resources/${r.id}/blackouts?limit=101`)).status).toBe(400)
      })
    })

    describe("holds", () => {
      it("lists holds with filters and paging, and releases them", async () => {
        const r = await createResource()
        const r2 = await createResource()
        const d = addDays(today, 2)
        await withCapacity(r.id, today, addDays(today, 5), 10)
        await withCapacity(r2.id, today, addDays(today, 5), 10)
        const h1 = await hold(r.id, [d], 2, "Ann@Example.com")
        const h2 = await hold(r.id, [d], 1, "bob@example.com")
        const h3 = await hold(r2.id, [d], 1, "ann@example.com")

        const all = await get("/admin/resource-holds")
        expect(all.status).toBe(200)
        expect(all.data).toMatchObject({ count: 3, limit: 20, offset: 0 })
        expect((await get(`/admin/resource-holds?resource_id=${r.id}`)).data.count).toBe(2)
        const byEmail = await get(`/admin/resource-holds?customer_email=ann@example.com`)
        expect(byEmail.data.resource_holds.map((h: any) => h.id).sort()).toEqual([h1.id, h3.id].sort())
        const page = await get("/admin/resource-holds?limit=1&offset=2")
        expect(page.data.resource_holds).toHaveLength(1)
        expect(page.data.count).toBe(3)

        const released = await post(`/admin/resource-holds/${h1.id}/release`)
        expect(released.status).toBe(200)
        expect(released.data.resource_hold).toMatchObject({ id: h1.id, status: "RELEASED", dates: [d], quantity: 2 })
        const cap = await get(`/admin/resources/${r.id}/capacity?from=${d}&to=${d}`)
        expect(cap.data.capacity[0].available_capacity).toBe(9)
        const again = await post(`/admin/resource-holds/${h1.id}/release`)
        expect(again.status).toBe(200)
        expect(again.data.resource_hold.status).toBe("RELEASED")

        expect((await get(`/admin/resource-holds?status=RELEASED`)).data.resource_holds.map((h: any) => h.id)).toEqual([h1.id])
        expect((await get(`/admin/resource-holds?status=ACTIVE`)).data.count).toBe(2)

        await service.confirmHold({ hold_id: h2.id, order_id: "order_x", line_item_id: "ordli_x" })
        const confirmed = await post(`/admin/resource-holds/${h2.id}/release`)
        expect(confirmed.status).toBe(409)
        expect(confirmed.data.message).toContain(h2.id)

        expect((await post(`/admin/resource-holds/rhold_nope/release`)).status).toBe(404)
        const bad = await get("/admin/resource-holds?status=LOST")
        expect(bad.status).toBe(400)
        expect(bad.data.message).toContain("status")
        expect((await get("/admin/resource-holds?limit=500")).status).toBe(400)
      })
    })

    describe("allocations", () => {
      it("lists allocations with filters and cancels with or without giving capacity back", async () => {
        const r = await createResource()
        const d = addDays(today, 4)
        await withCapacity(r.id, today, addDays(today, 10), 10)
        const a1 = await allocation(r.id, [d], 2, "order_1")
        const a2 = await allocation(r.id, [addDays(d, 3)], 3, "order_2")

        const all = await get("/admin/resource-allocations")
        expect(all.status).toBe(200)
        expect(all.data).toMatchObject({ count: 2, limit: 20, offset: 0 })
        expect((await get("/admin/resource-allocations?order_id=order_2")).data.resource_allocations.map((a: any) => a.id)).toEqual([a2.id])
        expect((await get(`/admin/resource-allocations?from=${d}&to=${d}`)).data.resource_allocations.map((a: any) => a.id)).toEqual([a1.id])
        expect((await get(`/admin/resource-allocations?resource_id=${r.id}&limit=1`)).data).toMatchObject({ count: 2, limit: 1 })
        expect((await get("/admin/resource-allocations?needs_review=true")).data.count).toBe(0)
        expect((await get("/admin/resource-allocations?needs_review=false")).data.count).toBe(2)

        const c1 = await post(`/admin/resource-allocations/${a1.id}/cancel`, { restore_capacity: true })
        expect(c1.status).toBe(200)
        expect(c1.data.resource_allocation).toMatchObject({ id: a1.id, status: "CANCELED" })
        expect((await get(`/admin/resources/${r.id}/capacity?from=${d}&to=${d}`)).data.capacity[0].available_capacity).toBe(10)

        const c2 = await post(`/admin/resource-allocations/${a2.id}/cancel`, { restore_capacity: false })
        expect(c2.status).toBe(200)
        expect(c2.data.resource_allocation.status).toBe("CANCELED")
        const d2 = addDays(d, 3)
        expect((await get(`/admin/resources/${r.id}/capacity?from=${d2}&to=${d2}`)).data.capacity[0].available_capacity).toBe(7)
        // Idempotent.
        expect((await post(`/admin/resource-allocations/${a2.id}/cancel`, { restore_capacity: true })).status).toBe(200)
        expect((await get(`/admin/resources/${r.id}/capacity?from=${d2}&to=${d2}`)).data.capacity[0].available_capacity).toBe(7)

        const missing = await post(`/admin/resource-allocations/${a1.id}/cancel`, {})
        expect(missing.status).toBe(400)
        expect(missing.data.message).toContain("restore_capacity")
        expect((await post(`/admin/resource-allocations/ralloc_nope/cancel`, { restore_capacity: true })).status).toBe(404)
        const bad = await get("/admin/resource-allocations?needs_review=perhaps")
        expect(bad.status).toBe(400)
        expect(bad.data.message).toContain("needs_review")
        expect((await get("/admin/resource-allocations?from=2027-13-01")).status).toBe(400)
      })
    })

    describe("reports", () => {
      it("answers utilization in unit-days", async () => {
        const r1 = await createResource({ name: "Util A", type: "VEHICLE" })
        const r2 = await createResource({ name: "Util B", type: "TOUR" })
        const from = addDays(today, 1)
        const to = addDays(today, 4)
        await withCapacity(r1.id, from, to, 5) // 20 unit-days
        await hold(r1.id, [from, addDays(from, 1)], 2) // 4 held
        await allocation(r1.id, [addDays(from, 2)], 3) // 3 allocated

        const res = await get(`/admin/resource-utilization?from=${from}&to=${to}`)
        expect(res.status).toBe(200)
        const rows = Object.fromEntries(res.data.utilization.map((row: any) => [row.name, row]))
        expect(rows["Util A"]).toEqual({
          resource_id: r1.id,
          name: "Util A",
          total_days: 4,
          total_capacity: 20,
          held: 4,
          allocated: 3,
          utilization_percent: 35,
        })
        expect(rows["Util B"]).toMatchObject({ resource_id: r2.id, total_days: 0, total_capacity: 0, utilization_percent: 0 })

        const tours = await get(`/admin/resource-utilization?from=${from}&to=${to}&type=TOUR`)
        expect(tours.data.utilization.map((row: any) => row.name)).toEqual(["Util B"])
        for (const [query, field] of [
          [`to=${to}`, "from"],
          [`from=${from}`, "to"],
          [`from=${to}&to=${from}`, "to"],
          [`from=${from}&to=${to}&type=BOAT`, "type"],
          [`from=${from}&to=${addDays(from, 366)}`, "from"],
        ]) {
          const bad = await get(`/admin/resource-utilization?${query}`)
          expect([query, bad.status]).toEqual([query, 400])
          expect(bad.data.message).toContain(field)
        }
        // Past ranges are readable.
        expect((await get(`/admin/resource-utilization?from=${addDays(today, -30)}&to=${today}`)).status).toBe(200)
      })

      it("answers a day's manifest", async () => {
        const r = await createResource()
        const d = addDays(today, 2)
        await withCapacity(r.id, today, addDays(today, 5), 6)
        const a = await allocation(r.id, [d, addDays(d, 1)], 2, "order_m")
        const h = await hold(r.id, [d], 1, "walker@example.com")
        await hold(r.id, [addDays(d, 1)], 1)

        const res = await get(`/admin/resources/${r.id}/manifest?date=${d}`)
        expect(res.status).toBe(200)
        expect(res.data.manifest).toMatchObject({
          resource_id: r.id,
          date: d,
          capacity: { date: d, max_capacity: 6, available_capacity: 3 },
        })
        expect(res.data.manifest.resource_allocations).toEqual([
          expect.objectContaining({ id: a.id, order_id: "order_m", line_item_id: a.line_item_id, quantity: 2 }),
        ])
        expect(res.data.manifest.resource_holds).toEqual([
          expect.objectContaining({ id: h.id, customer_email: "walker@example.com", status: "ACTIVE" }),
        ])
        const bad = await get(`/admin/resources/${r.id}/manifest?date=soon`)
        expect(bad.status).toBe(400)
        expect(bad.data.message).toContain("date")
        expect((await get(`/admin/resources/${r.id}/manifest`)).status).toBe(400)
        expect((await get(`/admin/resources/res_nope/manifest?date=${d}`)).status).toBe(404)
      })

      it("answers the capacity audit trail with from/to on the capacity date", async () => {
        const r = await createResource()
        const d = addDays(today, 1)
        await withCapacity(r.id, d, addDays(d, 2), 4)
        const h = await hold(r.id, [d], 1)
        await post(`/admin/resource-holds/${h.id}/release`)

        const res = await get(`/admin/resources/${r.id}/audit`)
        expect(res.status).toBe(200)
        expect(res.data).toMatchObject({ count: 5, limit: 20, offset: 0 })
        const reasons = res.data.capacity_audit.map((row: any) => row.change_reason).sort()
        expect(reasons).toEqual(["ADJUST", "ADJUST", "ADJUST", "HOLD", "RELEASE"])
        const adjust = res.data.capacity_audit.find((row: any) => row.change_reason === "ADJUST")
        expect(adjust).toMatchObject({ resource_id: r.id, old_max: null, new_max: 4, actor_id: userId })
        const hold1 = res.data.capacity_audit.find((row: any) => row.change_reason === "HOLD")
        expect(hold1).toMatchObject({ date: d, old_available: 4, new_available: 3, hold_id: h.id })

        const onDay = await get(`/admin/resources/${r.id}/audit?from=${d}&to=${d}`)
        expect(onDay.data.count).toBe(3)
        const later = await get(`/admin/resources/${r.id}/audit?from=${addDays(d, 1)}`)
        expect(later.data.count).toBe(2)
        const page = await get(`/admin/resources/${r.id}/audit?limit=2&offset=4`)
        expect(page.data.capacity_audit).toHaveLength(1)
        expect((await get(`/admin/resources/${r.id}/audit?from=${addDays(d, 1)}&to=${d}`)).status).toBe(400)
        expect((await get(`/admin/resources/${r.id}/audit?limit=101`)).status).toBe(400)
        expect((await get(`/admin/resources/res_nope/audit`)).status).toBe(404)
      })
    })

    describe("product variant links", () => {
      it("links, lists and unlinks product variants", async () => {
        const productModule = getContainer().resolve(Modules.PRODUCT)
        const [product] = await productModule.createProducts([
          {
            title: "Troopy hire",
            options: [{ title: "Seats", values: ["5", "8"] }],
            variants: [
              { title: "5 seats", options: { Seats: "5" } },
              { title: "8 seats", options: { Seats: "8" } },
            ],
          },
        ])
        const [v1, v2] = product.variants!.map((v) => v.id)
        const r = await createResource()
        const other = await createResource()

        const linked = await post(`/admin/resources/${r.id}/variants`, { variant_ids: [v1, v2] })
        expect(linked.status).toBe(200)
        expect(linked.data.count).toBe(2)
        const list = await get(`/admin/resources/${r.id}/variants`)
        expect(list.status).toBe(200)
        expect(list.data.product_variants.map((v: any) => v.id).sort()).toEqual([v1, v2].sort())
        expect(list.data.product_variants[0].product).toMatchObject({ id: product.id, title: "Troopy hire" })
        // Linking again is a no-op.
        expect((await post(`/admin/resources/${r.id}/variants`, { variant_ids: [v1] })).data.count).toBe(2)

        // A variant may book several resources (round 2): linking it to another one adds that one.
        const second = await post(`/admin/resources/${other.id}/variants`, { variant_ids: [v1] })
        expect(second.status).toBe(200)
        expect(second.data.product_variants).toEqual([expect.objectContaining({ id: v1, units: 1 })])
        const unknown = await post(`/admin/resources/${r.id}/variants`, { variant_ids: ["variant_nope"] })
        expect(unknown.status).toBe(404)
        expect(unknown.data.message).toContain("variant_nope")
        const empty = await post(`/admin/resources/${r.id}/variants`, { variant_ids: [] })
        expect(empty.status).toBe(400)
        expect(empty.data.message).toContain("variant_ids")
        expect((await post(`/admin/resources/res_nope/variants`, { variant_ids: [v1] })).status).toBe(404)

        const unlinked = await del(`/admin/resources/${r.id}/variants`, { variant_ids: [v1] })
        expect(unlinked.status).toBe(200)
        expect(unlinked.data.product_variants.map((v: any) => v.id)).toEqual([v2])
        expect((await del(`/admin/resources/${r.id}/variants`, { variant_ids: [v1] })).status).toBe(404)
        const one = await del(`/admin/resources/${r.id}/variants/${v2}`)
        expect(one.status).toBe(200)
        expect((await get(`/admin/resources/${r.id}/variants`)).data.count).toBe(0)
        // Free again: the other resource may take it.
        expect((await post(`/admin/resources/${other.id}/variants`, { variant_ids: [v1] })).status).toBe(200)
        // Deleting a resource drops its links.
        expect((await del(`/admin/resources/${other.id}`)).status).toBe(200)
        expect((await post(`/admin/resources/${r.id}/variants`, { variant_ids: [v1] })).status).toBe(200)
      })
    })
  },
})
