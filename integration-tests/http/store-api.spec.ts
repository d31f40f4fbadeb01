import net from "net"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createResourceBlackoutWorkflow } from "../../src/workflows/create-resource-blackout"
import { assertLedgerInvariants, sql } from "./helpers/db"
import {
  attempt,
  BookableVariant,
  bookingService,
  createBookableVariant,
  createResource,
  createShop,
  dayIn,
  Shop,
  storeHeaders,
  uniqueName,
} from "./helpers/fixtures"

jest.setTimeout(120 * 1000)

/** A date `offset` days after today in the module's zone (the suite runs with the default zone). */
const D = (offset: number) => dayIn("Australia/Brisbane", offset)

/** Sends raw bytes over a socket and returns the status code of the answer. */
function rawRequest(port: number, request: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.end(request))
    let answer = ""
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")))
    socket.on("end", () => {
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(answer)
      resolve({ status: match ? Number(match[1]) : 0, body: answer })
    })
    socket.on("error", reject)
  })
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let shop: Shop
    let booking: BookableVariant
    let inactive: any
    let deleted: any
    let tag: string
    const email = "traveller@example.com"

    beforeAll(async () => {
      const container = getContainer()
      shop = await createShop(container)
      booking = await createBookableVariant(container, shop, { capacity: 10, from: D(30), to: D(60) })
      tag = `zq${Date.now().toString(36)}`
      await createResource(container, { name: `${tag} Land Cruiser`, type: "VEHICLE", description: "Four wheel drive" })
      await createResource(container, { name: `${tag} Reef tour`, type: "TOUR", description: "Snorkel the LAND of coral" })
      await createResource(container, { name: `${tag} Guide Anna`, type: "GUIDE" })
      inactive = await createResource(container, { name: `${tag} Retired truck`, is_active: false })
      deleted = await createResource(container, { name: `${tag} Sold truck` })
      await bookingService(container).softDeleteResources([deleted.id])
    })

    const headers = (extra: Record<string, string> = {}) => storeHeaders(shop, extra)
    const holdBody = (overrides: Record<string, unknown> = {}) => ({
      resource_id: booking.resource.id,
      dates: [D(31), D(32)],
      quantity: 2,
      customer_email: email,
      ...overrides,
    })
    const availability = async (resourceId = booking.resource.id, from = D(30), to = D(35)) =>
      (await api.get(`/store/resources/${resourceId}/availability?from=${from}&to=${to}`, headers())).data.availability

    describe("publishable key", () => {
      it("is required on every store route of the plugin", async () => {
        const calls = [
          attempt(api.get("/store/resources")),
          attempt(api.get(`/store/resources/${booking.resource.id}`)),
          attempt(api.get(`/store/resources/${booking.resource.id}/availability?from=${D(30)}&to=${D(31)}`)),
          attempt(api.post("/store/resource-holds", holdBody())),
          attempt(api.get("/store/resource-holds/rhold_x")),
          attempt(api.post("/store/resource-holds/rhold_x/release", {})),
          attempt(api.post("/store/carts/cart_x/resource-bookings", {})),
        ]
        for (const response of await Promise.all(calls)) {
          expect(response.status).toBe(400)
          expect(response.data.message).toMatch(/publishable/i)
        }
      })
    })

    describe("GET /store/resources", () => {
      it("lists active, not deleted resources with count, limit and offset", async () => {
        const { status, data } = await api.get(`/store/resources?q=${tag}`, headers())
        expect(status).toBe(200)
        expect(data).toEqual({ resources: expect.any(Array), count: 3, limit: 20, offset: 0 })
        expect(data.resources.map((r: any) => r.name).sort()).toEqual(
          [`${tag} Guide Anna`, `${tag} Land Cruiser`, `${tag} Reef tour`].sort()
        )
        for (const resource of data.resources) {
          expect(Object.keys(resource).sort()).toEqual(
            ["appointment", "booking_mode", "booking_rules", "created_at", "description", "id", "is_active", "metadata", "name", "type", "updated_at"].sort()
          )
          expect(resource.id).toMatch(/^res_/)
          expect(resource.is_active).toBe(true)
        }
        const ids = data.resources.map((r: any) => r.id)
        expect(ids).not.toContain(inactive.id)
        expect(ids).not.toContain(deleted.id)
      })

      it("filters by type and by q (name or description, case-insensitive)", async () => {
        const tours = (await api.get(`/store/resources?type=TOUR&q=${tag}`, headers())).data
        expect(tours.count).toBe(1)
        expect(tours.resources[0].name).toBe(`${tag} Reef tour`)
        const land = (await api.get(`/store/resources?q=${tag}%20land`, headers())).data
        expect(land.resources.map((r: any) => r.name)).toEqual([`${tag} Land Cruiser`])
        const byDescription = (await api.get(`/store/resources?q=LAND%20OF%20coral`, headers())).data
        expect(byDescription.resources.map((r: any) => r.name)).toEqual([`${tag} Reef tour`])
        const wildcard = (await api.get(`/store/resources?q=%25`, headers())).data
        expect(wildcard.count).toBe(0)
        const all = (await api.get(`/store/resources?limit=100`, headers())).data
        // The suite's booking resource and the three active ones named with the tag.
        expect(all.count).toBe(4)
        expect(all.resources.map((r: any) => r.name).sort()).toEqual(
          [booking.resource.name, `${tag} Guide Anna`, `${tag} Land Cruiser`, `${tag} Reef tour`].sort()
        )
      })

      it("pages with limit and offset", async () => {
        const first = (await api.get(`/store/resources?q=${tag}&limit=2`, headers())).data
        const second = (await api.get(`/store/resources?q=${tag}&limit=2&offset=2`, headers())).data
        expect(first).toMatchObject({ count: 3, limit: 2, offset: 0 })
        expect(second).toMatchObject({ count: 3, limit: 2, offset: 2 })
        expect(first.resources).toHaveLength(2)
        expect(second.resources).toHaveLength(1)
        const names = [...first.resources, ...second.resources].map((r: any) => r.name)
        expect(new Set(names).size).toBe(3)
        const beyond = (await api.get(`/store/resources?q=${tag}&offset=50`, headers())).data
        expect(beyond).toMatchObject({ resources: [], count: 3, offset: 50 })
      })

      it.each([
        ["limit=101", /limit/],
        ["limit=0", /limit/],
        ["limit=-1", /limit/],
        ["limit=abc", /limit/],
        ["limit=1.5", /limit/],
        ["offset=-1", /offset/],
        ["offset=x", /offset/],
        ["type=BOAT", /type/],
        ["type=vehicle", /type/],
        [`q=${"x".repeat(201)}`, /q/],
        ["unknown=1", /unknown/],
      ])("refuses %s with 400 naming the field", async (query, field) => {
        const { status, data } = await attempt(api.get(`/store/resources?${query}`, headers()))
        expect(status).toBe(400)
        expect(data.message).toMatch(field)
      })
    })

    describe("GET /store/resources/:id", () => {
      it("answers an active resource", async () => {
        const { status, data } = await api.get(`/store/resources/${booking.resource.id}`, headers())
        expect(status).toBe(200)
        expect(data.resource).toMatchObject({ id: booking.resource.id, name: booking.resource.name, type: "VEHICLE" })
      })

      it.each([
        ["inactive", () => inactive.id],
        ["deleted", () => deleted.id],
        ["unknown", () => "res_01UNKNOWN"],
      ])("answers 404 for an %s resource", async (_, id) => {
        const { status, data } = await attempt(api.get(`/store/resources/${id()}`, headers()))
        expect(status).toBe(404)
        expect(data.message).toContain(id())
      })
    })

    describe("GET /store/resources/:id/availability", () => {
      it("answers one entry per date with capacity, blackouts and the whole-range flag", async () => {
        const container = getContainer()
        await createResourceBlackoutWorkflow(container).run({
          input: { resource_id: booking.resource.id, start_date: D(33), end_date: D(33), reason: "Maintenance" },
        })
        const { status, data } = await api.get(
          `/store/resources/${booking.resource.id}/availability?from=${D(30)}&to=${D(33)}&quantity=3`,
          headers()
        )
        expect(status).toBe(200)
        expect(data.availability).toEqual({
          resource_id: booking.resource.id,
          from: D(30),
          to: D(33),
          quantity: 3,
          is_available: false,
          dates: [
            { date: D(30), max_capacity: 10, available_capacity: 10, is_blacked_out: false, is_available: true },
            { date: D(31), max_capacity: 10, available_capacity: 10, is_blacked_out: false, is_available: true },
            { date: D(32), max_capacity: 10, available_capacity: 10, is_blacked_out: false, is_available: true },
            { date: D(33), max_capacity: 10, available_capacity: 10, is_blacked_out: true, is_available: false, reason: "BLACKOUT" },
          ],
        })
        const open = (await api.get(`/store/resources/${booking.resource.id}/availability?from=${D(30)}&to=${D(32)}`, headers()))
          .data.availability
        expect(open).toMatchObject({ quantity: 1, is_available: true })
      })

      it("reports dates without capacity as 0 and past dates as never available", async () => {
        const data = (
          await api.get(`/store/resources/${booking.resource.id}/availability?from=${D(-2)}&to=${D(0)}`, headers())
        ).data.availability
        expect(data.dates.map((d: any) => [d.date, d.max_capacity, d.available_capacity, d.is_available, d.reason])).toEqual([
          [D(-2), 0, 0, false, "PAST"],
          [D(-1), 0, 0, false, "PAST"],
          [D(0), 0, 0, false, "NO_CAPACITY"],
        ])
        expect(data.is_available).toBe(false)
      })

      it("accepts a range of 366 dates and refuses 367", async () => {
        const ok = await attempt(api.get(`/store/resources/${booking.resource.id}/availability?from=${D(1)}&to=${D(366)}`, headers()))
        expect(ok.status).toBe(200)
        expect(ok.data.availability.dates).toHaveLength(366)
        const tooLong = await attempt(api.get(`/store/resources/${booking.resource.id}/availability?from=${D(1)}&to=${D(367)}`, headers()))
        expect(tooLong.status).toBe(400)
        expect(tooLong.data.message).toMatch(/from\.\.to/)
      })

      it("answers 404 for inactive, deleted and unknown resources", async () => {
        for (const id of [inactive.id, deleted.id, "res_nope"]) {
          const { status } = await attempt(api.get(`/store/resources/${id}/availability?from=${D(30)}&to=${D(31)}`, headers()))
          expect(status).toBe(404)
        }
      })
    })

    describe("POST /store/resource-holds", () => {
      it("creates a hold (201) that takes capacity on all its dates", async () => {
        const { status, data } = await api.post("/store/resource-holds", holdBody({ dates: [D(32), D(31)], metadata: { party: "Smith" } }), headers())
        expect(status).toBe(201)
        const hold = data.resource_hold
        expect(Object.keys(hold).sort()).toEqual(
          ["confirmed_at", "created_at", "customer_email", "dates", "expires_at", "group_id", "id", "metadata", "quantity", "resource_id", "status", "updated_at"].sort()
        )
        expect(hold).toMatchObject({
          resource_id: booking.resource.id,
          dates: [D(31), D(32)],
          quantity: 2,
          customer_email: email,
          status: "ACTIVE",
          confirmed_at: null,
          metadata: { party: "Smith" },
        })
        expect(hold.id).toMatch(/^rhold_[0-9A-Za-z]{16,}$/)
        const ttl = new Date(hold.expires_at).getTime() - new Date(hold.created_at).getTime()
        expect(ttl).toBeGreaterThan(25 * 60 * 1000)
        expect(ttl).toBeLessThanOrEqual(30 * 60 * 1000 + 5000)
        const after = await availability()
        expect(after.dates.map((d: any) => d.available_capacity)).toEqual([10, 8, 8, 10, 10, 10])
        await assertLedgerInvariants(dbConfig.clientUrl, booking.resource.id)
      })

      it("replays the same token (body or Idempotency-Key header) with 200 and the same hold", async () => {
        const first = await api.post("/store/resource-holds", holdBody({ idempotency_token: "tok-body-1" }), headers())
        expect(first.status).toBe(201)
        const again = await api.post(
          "/store/resource-holds",
          holdBody({ idempotency_token: "tok-body-1", dates: [D(32), D(31)], customer_email: email.toUpperCase(), metadata: { x: 1 } }),
          headers()
        )
        expect(again.status).toBe(200)
        expect(again.data.resource_hold).toEqual(first.data.resource_hold)

        const viaHeader = await api.post("/store/resource-holds", holdBody({ dates: [D(40)] }), headers({ "Idempotency-Key": "tok-header-1" }))
        expect(viaHeader.status).toBe(201)
        const headerAgain = await api.post("/store/resource-holds", holdBody({ dates: [D(40)] }), headers({ "Idempotency-Key": "tok-header-1" }))
        expect(headerAgain.status).toBe(200)
        expect(headerAgain.data.resource_hold.id).toBe(viaHeader.data.resource_hold.id)
        const bodySameToken = await api.post("/store/resource-holds", holdBody({ dates: [D(40)], idempotency_token: "tok-header-1" }), headers())
        expect(bodySameToken.status).toBe(200)
        expect(bodySameToken.data.resource_hold.id).toBe(viaHeader.data.resource_hold.id)

        // A replay answers the hold as it is now, whatever its status.
        await api.post(`/store/resource-holds/${viaHeader.data.resource_hold.id}/release`, {}, headers())
        const afterRelease = await api.post("/store/resource-holds", holdBody({ dates: [D(40)] }), headers({ "Idempotency-Key": "tok-header-1" }))
        expect(afterRelease.status).toBe(200)
        expect(afterRelease.data.resource_hold.status).toBe("RELEASED")

        const [{ count }] = await sql(dbConfig.clientUrl, `SELECT count(*)::int AS count FROM resource_hold WHERE resource_id = $1`, [booking.resource.id])
        expect(count).toBe(2)
        expect((await availability()).dates.map((d: any) => d.available_capacity)).toEqual([10, 8, 8, 10, 10, 10])
      })

      it.each([
        ["another quantity", { quantity: 3 }],
        ["other dates", { dates: [D(31)] }],
        ["another email", { customer_email: "other@example.com" }],
        ["another resource", { resource_id: "__other__" }],
      ])("answers 409 when the token comes again with %s", async (_, change) => {
        await api.post("/store/resource-holds", holdBody({ idempotency_token: "tok-conflict" }), headers())
        const other = await createResource(getContainer())
        const body = holdBody({ idempotency_token: "tok-conflict", ...change })
        if (body.resource_id === "__other__") body.resource_id = other.id
        const { status, data } = await attempt(api.post("/store/resource-holds", body, headers()))
        expect(status).toBe(409)
        expect(data).toEqual({ type: "conflict", message: expect.stringMatching(/idempotency_token/) })
      })

      it("answers 400 when the body token and the Idempotency-Key header differ", async () => {
        const { status, data } = await attempt(
          api.post("/store/resource-holds", holdBody({ idempotency_token: "a" }), headers({ "Idempotency-Key": "b" }))
        )
        expect(status).toBe(400)
        expect(data.message).toMatch(/idempotency/i)
      })

      it("answers 409 naming the dates when capacity is short, and takes nothing", async () => {
        await api.post("/store/resource-holds", holdBody({ dates: [D(32)], quantity: 9 }), headers())
        const { status, data } = await attempt(
          api.post("/store/resource-holds", holdBody({ dates: [D(31), D(32), D(34)], quantity: 2 }), headers())
        )
        expect(status).toBe(409)
        expect(data.type).toBe("conflict")
        expect(data.message).toContain(D(32))
        expect(data.message).not.toContain(D(31))
        expect((await availability()).dates.map((d: any) => d.available_capacity)).toEqual([10, 10, 1, 10, 10, 10])

        const noCapacity = await attempt(api.post("/store/resource-holds", holdBody({ dates: [D(200)] }), headers()))
        expect(noCapacity.status).toBe(409)
        expect(noCapacity.data.message).toContain(D(200))
        await assertLedgerInvariants(dbConfig.clientUrl, booking.resource.id)
      })

      it("answers 409 on a blacked-out date", async () => {
        await createResourceBlackoutWorkflow(getContainer()).run({
          input: { resource_id: booking.resource.id, start_date: D(34), end_date: D(35) },
        })
        const { status, data } = await attempt(api.post("/store/resource-holds", holdBody({ dates: [D(33), D(35)] }), headers()))
        expect(status).toBe(409)
        expect(data.message).toContain(D(35))
        expect(data.message).toMatch(/blacked out/)
      })

      it("answers 404 for inactive, deleted and unknown resources", async () => {
        for (const id of [inactive.id, deleted.id, "res_missing"]) {
          const { status, data } = await attempt(api.post("/store/resource-holds", holdBody({ resource_id: id }), headers()))
          expect(status).toBe(404)
          expect(data.message).toContain(id)
        }
      })

      it("makes a token when none is given: two identical requests make two holds", async () => {
        const a = await api.post("/store/resource-holds", holdBody({ quantity: 1 }), headers())
        const b = await api.post("/store/resource-holds", holdBody({ quantity: 1 }), headers())
        expect([a.status, b.status]).toEqual([201, 201])
        expect(a.data.resource_hold.id).not.toBe(b.data.resource_hold.id)
      })
    })

    describe("GET /store/resource-holds/:id", () => {
      it("answers the hold, and 404 for an unknown one", async () => {
        const created = (await api.post("/store/resource-holds", holdBody(), headers())).data.resource_hold
        const { status, data } = await api.get(`/store/resource-holds/${created.id}`, headers())
        expect(status).toBe(200)
        expect(data.resource_hold).toEqual(created)
        const missing = await attempt(api.get("/store/resource-holds/rhold_doesnotexist", headers()))
        expect(missing.status).toBe(404)
        expect(missing.data.message).toContain("rhold_doesnotexist")
      })
    })

    describe("POST /store/resource-holds/:id/release", () => {
      it("releases, gives capacity back, and answers 200 unchanged when released again", async () => {
        const created = (await api.post("/store/resource-holds", holdBody(), headers())).data.resource_hold
        const released = await api.post(`/store/resource-holds/${created.id}/release`, {}, headers())
        expect(released.status).toBe(200)
        expect(released.data.resource_hold).toMatchObject({ id: created.id, status: "RELEASED" })
        expect((await availability()).dates.map((d: any) => d.available_capacity)).toEqual([10, 10, 10, 10, 10, 10])
        const again = await api.post(`/store/resource-holds/${created.id}/release`, undefined, headers())
        expect(again.status).toBe(200)
        expect(again.data.resource_hold).toEqual(released.data.resource_hold)
        const [{ count }] = await sql(
          dbConfig.clientUrl,
          `SELECT count(*)::int AS count FROM resource_capacity_audit WHERE hold_id = $1 AND change_reason = 'RELEASE'`,
          [created.id]
        )
        expect(count).toBe(2)
        await assertLedgerInvariants(dbConfig.clientUrl, booking.resource.id)
      })

      it("answers 409 for a CONFIRMED hold and 404 for an unknown one", async () => {
        const created = (await api.post("/store/resource-holds", holdBody(), headers())).data.resource_hold
        await bookingService(getContainer()).confirmHold({ hold_id: created.id, order_id: "order_test", line_item_id: "ordli_test" })
        const { status, data } = await attempt(api.post(`/store/resource-holds/${created.id}/release`, {}, headers()))
        expect(status).toBe(409)
        expect(data).toEqual({ type: "conflict", message: expect.stringContaining(created.id) })
        const missing = await attempt(api.post(`/store/resource-holds/rhold_missing/release`, {}, headers()))
        expect(missing.status).toBe(404)
      })
    })

    describe("malformed input", () => {
      const hugeDates = () => Array.from({ length: 5000 }, (_, i) => D(30 + (i % 300)))
      const bodies: [string, () => any, RegExp][] = [
        ["no body fields", () => ({}), /resource_id|dates|quantity/],
        ["resource_id missing", () => holdBody({ resource_id: undefined }), /resource_id/],
        ["resource_id a number", () => holdBody({ resource_id: 42 }), /resource_id/],
        ["resource_id empty", () => holdBody({ resource_id: "" }), /resource_id/],
        ["resource_id huge", () => holdBody({ resource_id: "r".repeat(10_000) }), /resource_id/],
        ["dates missing", () => holdBody({ dates: undefined }), /dates/],
        ["dates a string", () => holdBody({ dates: D(31) }), /dates/],
        ["dates empty", () => holdBody({ dates: [] }), /dates/],
        ["dates with a number", () => holdBody({ dates: [20270101] }), /dates/],
        ["dates with null", () => holdBody({ dates: [null] }), /dates/],
        ["2027-02-30", () => holdBody({ dates: ["2027-02-30"] }), /dates/],
        ["2027-13-01", () => holdBody({ dates: ["2027-13-01"] }), /dates/],
        ["a timestamp", () => holdBody({ dates: ["2027-01-05T00:00:00Z"] }), /dates/],
        ["a short date", () => holdBody({ dates: ["2027-1-5"] }), /dates/],
        ["a past date", () => holdBody({ dates: [D(-1)] }), /dates/],
        ["duplicate dates", () => holdBody({ dates: [D(31), D(31)] }), /dates/],
        ["32 dates", () => holdBody({ dates: Array.from({ length: 32 }, (_, i) => D(30 + i)) }), /dates/],
        ["a huge dates array", () => holdBody({ dates: hugeDates() }), /dates/],
        ["quantity missing", () => holdBody({ quantity: undefined }), /quantity/],
        ["quantity 0", () => holdBody({ quantity: 0 }), /quantity/],
        ["quantity -1", () => holdBody({ quantity: -1 }), /quantity/],
        ["quantity 1.5", () => holdBody({ quantity: 1.5 }), /quantity/],
        ["quantity \"2\"", () => holdBody({ quantity: "2" }), /quantity/],
        ["quantity huge", () => holdBody({ quantity: 1e12 }), /quantity/],
        ["quantity null", () => holdBody({ quantity: null }), /quantity/],
        ["customer_email missing", () => holdBody({ customer_email: undefined }), /customer_email/],
        ["customer_email invalid", () => holdBody({ customer_email: "not-an-email" }), /customer_email/],
        ["customer_email a number", () => holdBody({ customer_email: 5 }), /customer_email/],
        ["customer_email huge", () => holdBody({ customer_email: `${"a".repeat(300)}@example.com` }), /customer_email/],
        ["idempotency_token empty", () => holdBody({ idempotency_token: "" }), /idempotency_token/],
        ["idempotency_token too long", () => holdBody({ idempotency_token: "t".repeat(256) }), /idempotency_token/],
        ["idempotency_token an object", () => holdBody({ idempotency_token: { a: 1 } }), /idempotency_token/],
        ["metadata an array", () => holdBody({ metadata: [1, 2] }), /metadata/],
        ["metadata a string", () => holdBody({ metadata: "x" }), /metadata/],
        ["an unknown field", () => holdBody({ status: "CONFIRMED" }), /status/],
        ["NUL in resource_id", () => holdBody({ resource_id: `${booking.resource.id}\u0000` }), /resource_id/],
        ["NUL in customer_email", () => holdBody({ customer_email: "a\u0000@example.com" }), /customer_email/],
        ["NUL in idempotency_token", () => holdBody({ idempotency_token: "tok\u0000" }), /idempotency_token/],
        ["NUL in a metadata value", () => holdBody({ metadata: { note: "a\u0000b" } }), /metadata/],
        ["NUL in a metadata key", () => holdBody({ metadata: { "k\u0000": "v" } }), /metadata/],
        ["NUL in a nested metadata value", () => holdBody({ metadata: { a: [{ b: "\u0000" }] } }), /metadata/],
        ["NUL in a date", () => holdBody({ dates: [`${D(31)}\u0000`] }), /dates/],
      ]

      it.each(bodies)("POST /store/resource-holds refuses %s with 400 naming the field", async (_, body, field) => {
        const before = await availability()
        const { status, data } = await attempt(api.post("/store/resource-holds", body(), headers()))
        expect(status).toBe(400)
        expect(data.type).toBe("invalid_data")
        expect(data.message).toMatch(field)
        expect(await availability()).toEqual(before)
      })

      it("refuses a body that is not JSON, or not an object, with 400", async () => {
        for (const payload of ["{not json", "[1,2,3]", "\"string\"", "null"]) {
          const { status } = await attempt(
            api.post("/store/resource-holds", payload, headers({ "Content-Type": "application/json" }))
          )
          expect({ payload, status }).toEqual({ payload, status: 400 })
        }
      })

      it("refuses a NUL or too long Idempotency-Key header", async () => {
        const before = await availability()
        const long = await attempt(api.post("/store/resource-holds", holdBody(), headers({ "Idempotency-Key": "k".repeat(256) })))
        expect(long.status).toBe(400)
        expect(long.data.message).toMatch(/Idempotency-Key/)

        // HTTP clients refuse to send a NUL in a header, so the request is written by hand.
        const body = JSON.stringify(holdBody())
        const port = Number(new URL(api.defaults.baseURL).port)
        const nul = await rawRequest(
          port,
          Buffer.concat([
            Buffer.from(
              `POST /store/resource-holds HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
                `Content-Length: ${Buffer.byteLength(body)}\r\nx-publishable-api-key: ${shop.publishableKey}\r\n` +
                `Connection: close\r\nIdempotency-Key: tok`
            ),
            Buffer.from([0]),
            Buffer.from(`x\r\n\r\n${body}`),
          ])
        )
        expect(nul.status).toBe(400)
        expect(await availability()).toEqual(before)
        expect(await sql(dbConfig.clientUrl, `SELECT id FROM resource_hold WHERE resource_id = $1`, [booking.resource.id])).toEqual([])
      })

      const queries: [string, () => string, RegExp][] = [
        ["from missing", () => `to=${D(31)}`, /from/],
        ["to missing", () => `from=${D(31)}`, /to/],
        ["from invalid", () => `from=2027-02-30&to=${D(31)}`, /from/],
        ["to invalid", () => `from=${D(31)}&to=tomorrow`, /to/],
        ["to before from", () => `from=${D(32)}&to=${D(31)}`, /to/],
        ["quantity 0", () => `from=${D(31)}&to=${D(32)}&quantity=0`, /quantity/],
        ["quantity -2", () => `from=${D(31)}&to=${D(32)}&quantity=-2`, /quantity/],
        ["quantity 1.5", () => `from=${D(31)}&to=${D(32)}&quantity=1.5`, /quantity/],
        ["quantity abc", () => `from=${D(31)}&to=${D(32)}&quantity=abc`, /quantity/],
        ["from twice", () => `from=${D(31)}&from=${D(32)}&to=${D(33)}`, /from/],
        ["from as an object", () => `from[a]=1&to=${D(32)}`, /from/],
        ["an unknown parameter", () => `from=${D(31)}&to=${D(32)}&fields=*`, /fields/],
        ["NUL in from", () => `from=${D(31)}%00&to=${D(32)}`, /from|NUL/],
        ["NUL in a parameter name", () => `from=${D(31)}&to=${D(32)}&x%00=1`, /NUL/],
        ["a malformed percent-encoding", () => `from=${D(31)}&to=%E0%A4%A`, /percent-encoding/],
        ["a lone percent", () => `from=${D(31)}&to=${D(32)}&q=%`, /percent-encoding/],
      ]

      it.each(queries)("GET availability refuses %s with 400", async (_, query, field) => {
        const { status, data } = await attempt(
          api.get(`/store/resources/${booking.resource.id}/availability?${query()}`, headers())
        )
        expect(status).toBe(400)
        expect(data.message).toMatch(field)
      })

      it.each([
        ["GET", "/store/resources/%00"],
        ["GET", "/store/resources/res_%00x"],
        ["GET", "/store/resources/%E0%A4%A"],
        ["GET", "/store/resources/%"],
        ["GET", "/store/resources/%ZZ/availability?from=2030-01-01&to=2030-01-02"],
        ["GET", "/store/resources/res_1%00/availability?from=2030-01-01&to=2030-01-02"],
        ["GET", "/store/resources?q=%00"],
        ["GET", "/store/resources?q=%C3%28"],
        ["GET", "/store/resources?type=%00"],
        ["GET", "/store/resource-holds/%00"],
        ["GET", "/store/resource-holds/rhold_%FF"],
        ["POST", "/store/resource-holds/%00/release"],
        ["POST", "/store/resource-holds/%E0%80/release"],
        ["POST", "/store/resource-holds?x=%00"],
        ["POST", "/store/carts/%00/resource-bookings"],
        ["POST", "/store/carts/cart_%G1/resource-bookings"],
      ])("%s %s answers 400, not 500", async (method, path) => {
        const config = headers()
        const { status, data } = await attempt(
          method === "GET" ? api.get(path, config) : api.post(path, holdBody(), config)
        )
        expect(status).toBe(400)
        expect(data.message).toMatch(/NUL|percent-encoding/)
      })

      it("answers 400 to a raw NUL byte in the request line", async () => {
        const port = Number(new URL(api.defaults.baseURL).port)
        const request = Buffer.concat([
          Buffer.from("GET /store/resources/res_"),
          Buffer.from([0]),
          Buffer.from(`x HTTP/1.1\r\nHost: localhost\r\nx-publishable-api-key: ${shop.publishableKey}\r\nConnection: close\r\n\r\n`),
        ])
        const { status } = await rawRequest(port, request)
        expect(status).toBe(400)
      })

      it("GET /store/resource-holds/:id and release refuse query parameters and bodies with unknown fields", async () => {
        const created = (await api.post("/store/resource-holds", holdBody(), headers())).data.resource_hold
        const get = await attempt(api.get(`/store/resource-holds/${created.id}?expand=all`, headers()))
        expect(get.status).toBe(400)
        expect(get.data.message).toMatch(/expand/)
        const release = await attempt(api.post(`/store/resource-holds/${created.id}/release`, { status: "RELEASED" }, headers()))
        expect(release.status).toBe(400)
        expect(release.data.message).toMatch(/status/)
        expect((await api.get(`/store/resource-holds/${created.id}`, headers())).data.resource_hold.status).toBe("ACTIVE")
      })
    })

    describe("concurrency", () => {
      it("100 concurrent hold requests on one resource-date with capacity 10: exactly 10 × 201 and 90 × 409", async () => {
        const target = D(45)
        const responses = await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            attempt(
              api.post(
                "/store/resource-holds",
                { resource_id: booking.resource.id, dates: [target], quantity: 1, customer_email: `racer${i}@example.com` },
                headers()
              )
            )
          )
        )
        const statuses = responses.map((r) => r.status)
        expect(statuses.filter((s) => s >= 500)).toEqual([])
        expect(statuses.filter((s) => s === 201)).toHaveLength(10)
        expect(statuses.filter((s) => s === 409)).toHaveLength(90)
        for (const loser of responses.filter((r) => r.status === 409)) {
          expect(loser.data.message).toContain(target)
        }
        const [row] = await sql(
          dbConfig.clientUrl,
          `SELECT available_capacity, max_capacity,
                  (SELECT count(*)::int FROM resource_hold WHERE resource_id = $1 AND status = 'ACTIVE' AND $2::date = ANY(dates)) AS holds,
                  (SELECT count(*)::int FROM resource_capacity_audit WHERE resource_id = $1 AND date = $2::date AND change_reason = 'HOLD') AS audits
           FROM resource_capacity WHERE resource_id = $1 AND date = $2::date`,
          [booking.resource.id, target]
        )
        expect(row).toEqual({ available_capacity: 0, max_capacity: 10, holds: 10, audits: 10 })
        await assertLedgerInvariants(dbConfig.clientUrl, booking.resource.id)
        const view = (await api.get(`/store/resources/${booking.resource.id}/availability?from=${target}&to=${target}`, headers())).data
        expect(view.availability.dates[0]).toMatchObject({ available_capacity: 0, is_available: false })
      })

      it("concurrent identical idempotent requests make one hold", async () => {
        // Half send the token in the body, half in the Idempotency-Key header.
        const responses = await Promise.all(
          Array.from({ length: 25 }, (_, i) =>
            attempt(
              i % 2
                ? api.post("/store/resource-holds", holdBody({ dates: [D(46), D(47)], quantity: 3 }), headers({ "Idempotency-Key": "same-click" }))
                : api.post("/store/resource-holds", holdBody({ dates: [D(46), D(47)], quantity: 3, idempotency_token: "same-click" }), headers())
            )
          )
        )
        const statuses = responses.map((r) => r.status)
        expect(statuses.filter((s) => s === 201)).toHaveLength(1)
        expect(statuses.filter((s) => s === 200)).toHaveLength(statuses.length - 1)
        expect(new Set(responses.map((r) => r.data.resource_hold.id)).size).toBe(1)
        const [{ count }] = await sql(
          dbConfig.clientUrl,
          `SELECT count(*)::int AS count FROM resource_hold WHERE idempotency_token = 'same-click'`
        )
        expect(count).toBe(1)
        const view = (await api.get(`/store/resources/${booking.resource.id}/availability?from=${D(46)}&to=${D(47)}`, headers())).data
        expect(view.availability.dates.map((d: any) => d.available_capacity)).toEqual([7, 7])
        await assertLedgerInvariants(dbConfig.clientUrl, booking.resource.id)
      })
    })
  },
})
