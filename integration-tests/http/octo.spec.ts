/**
 * The OCTo supplier API (/octo) and the admin's reseller keys, against the
 * real app and PostgreSQL. Every OCTo answer is checked against the official
 * schemas of @octocloud/types (generated from OCTo's OpenAPI document), so a
 * drift from the specification fails here.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  zAvailability,
  zAvailabilityCalendar,
  zBaseError,
  zBooking,
  zErrorInvalidAvailabilityId,
  zErrorInvalidBookingUuid,
  zErrorInvalidOptionId,
  zErrorInvalidProductId,
  zErrorInvalidUnitId,
  zProduct,
  zSupplier,
} from "@octocloud/types"
import { randomUUID } from "crypto"
import { createAdminHeaders } from "./admin-helpers"
import { assertLedgerInvariants, sql } from "./helpers/db"
import { attempt, BookableVariant, bookingService, createBookableVariant, createShop, dayIn, Shop, storeHeaders } from "./helpers/fixtures"

jest.setTimeout(240 * 1000)

const D = (offset: number) => dayIn("Australia/Brisbane", offset)
/** The availability id of a date: local midnight in Brisbane (no DST: +10:00). */
const A = (offset: number) => `${D(offset)}T00:00:00+10:00`

type Schema = { safeParse: (value: unknown) => { success: boolean; error?: any } }
function conforms(schema: Schema, value: unknown): void {
  const result = schema.safeParse(value)
  if (!result.success) throw new Error(`not OCTo-conformant: ${JSON.stringify(result.error?.issues ?? result.error)}\n${JSON.stringify(value)}`)
}
function octoError(response: { status: number; data: any }, status: number, code: string, schema: Schema = zBaseError) {
  expect({ status: response.status, error: response.data?.error }).toEqual({ status, error: code })
  conforms(schema, response.data)
  expect(typeof response.data.errorMessage).toBe("string")
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let shop: Shop
    let tour: BookableVariant
    let other: BookableVariant
    let token: string
    let keyId: string
    let admin: { headers: Record<string, string> }

    beforeAll(async () => {
      const container = getContainer()
      shop = await createShop(container)
      tour = await createBookableVariant(container, shop, { capacity: 10, from: D(3), to: D(40), type: "TOUR", unitPrice: 120 })
      other = await createBookableVariant(container, shop, { capacity: 5, from: D(3), to: D(40), type: "TOUR", unitPrice: 80 })
      admin = await createAdminHeaders(container)
      const created = await api.post(
        "/admin/reseller-keys",
        { title: "Test reseller", sales_channel_id: shop.salesChannelId },
        { headers: admin.headers }
      )
      token = created.data.reseller_key.token
      keyId = created.data.reseller_key.id
    })

    const auth = (key = token) => ({ headers: { authorization: `Bearer ${key}` } })
    const get = (path: string, key?: string) => attempt(api.get(`/octo${path}`, auth(key)))
    const post = (path: string, body: unknown, key?: string) => attempt(api.post(`/octo${path}`, body, auth(key)))
    const patch = (path: string, body: unknown) => attempt(api.patch(`/octo${path}`, body, auth()))
    const units = (n: number) => Array.from({ length: n }, () => ({ unitId: "unit" }))
    const reserve = (body: Record<string, unknown> = {}) =>
      post("/bookings", {
        uuid: randomUUID(),
        productId: tour.productId,
        optionId: tour.variantId,
        availabilityId: A(10),
        unitItems: units(2),
        ...body,
      })
    const available = async (offset: number, resourceId = tour.resource.id) => {
      const availability = await bookingService(getContainer()).getAvailability({ resource_id: resourceId, from: D(offset), to: D(offset) })
      return (availability.dates[0] as any).available_capacity as number
    }
    const ordersOf = async (uuid: string) => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "order", fields: ["id", "status", "sales_channel_id", "metadata", "items.id", "items.quantity"] })
      return (data as any[]).filter((order) => order.metadata?.octo?.uuid === uuid)
    }

    describe("authentication and reseller keys", () => {
      it("refuses a request without a key, with an unknown key (401) and with a revoked key (403), and changes nothing", async () => {
        octoError(await attempt(api.get("/octo/products")), 401, "UNAUTHORIZED")
        octoError(await get("/products", "octo_not-a-key"), 401, "UNAUTHORIZED")

        const list = await api.get("/admin/reseller-keys", { headers: admin.headers })
        expect(list.data).toMatchObject({ count: 1, limit: 20, offset: 0 })
        expect(list.data.reseller_keys[0]).toMatchObject({
          id: keyId,
          title: "Test reseller",
          sales_channel: { id: shop.salesChannelId },
          reseller: { id: expect.stringMatching(/^orsl_/), name: "Test reseller" },
          replaced_by_id: null,
        })
        expect(JSON.stringify(list.data)).not.toContain(token)
        expect(list.data.reseller_keys[0].token_hash).toBeUndefined()
        const [stored] = await sql(dbConfig.clientUrl, `SELECT token_hash FROM octo_reseller_key WHERE id = $1`, [keyId])
        expect(stored.token_hash).not.toContain(token.slice(5))

        const revoked = await api.post(`/admin/reseller-keys/${keyId}/revoke`, {}, { headers: admin.headers })
        expect(revoked.data.reseller_key.revoked_at).toBeTruthy()
        octoError(await get("/products"), 403, "FORBIDDEN")
        octoError(await reserve(), 403, "FORBIDDEN")
        expect(await sql(dbConfig.clientUrl, `SELECT id FROM octo_booking`)).toHaveLength(0)
        expect(await available(10)).toBe(10)
      })

      it("answers the admin's list without authentication with 401 and validates the create body", async () => {
        expect((await attempt(api.get("/admin/reseller-keys"))).status).toBe(401)
        expect((await attempt(api.post("/admin/reseller-keys", { title: "" }, { headers: admin.headers }))).status).toBe(400)
        expect(
          (await attempt(api.post("/admin/reseller-keys", { title: "x", sales_channel_id: "sc_missing" }, { headers: admin.headers })))
            .status
        ).toBe(404)
      })
    })

    describe("resellers: many keys to one sales channel", () => {
      const newKey = (body: Record<string, unknown>) => attempt(api.post("/admin/reseller-keys", body, { headers: admin.headers }))
      const resellerOf = async (id = keyId) =>
        (await api.get(`/admin/reseller-keys?limit=100`, { headers: admin.headers })).data.reseller_keys.find((k: any) => k.id === id).reseller.id
      const confirmedBooking = async (key: string) => {
        const uuid = randomUUID()
        const reserved = await post("/bookings", { uuid, productId: tour.productId, optionId: tour.variantId, availabilityId: A(10), unitItems: units(2) }, key)
        expect(reserved.status).toBe(200)
        const confirmed = await post(`/bookings/${uuid}/confirm`, { contact: { emailAddress: "rot@example.com" } }, key)
        expect([confirmed.status, confirmed.data.status]).toEqual([200, "CONFIRMED"])
        return { uuid, booking: confirmed.data }
      }

      it("two keys on one channel both work; revoking one leaves the other; a third key after the revocation works", async () => {
        const reseller = await resellerOf()
        const second = await newKey({ title: "Second key", sales_channel_id: shop.salesChannelId, reseller_id: reseller })
        expect(second.status).toBe(200)
        expect(second.data.reseller_key).toMatchObject({ reseller: { id: reseller }, sales_channel: { id: shop.salesChannelId } })
        const secondToken = second.data.reseller_key.token
        expect((await get("/products")).status).toBe(200)
        expect((await get("/products", secondToken)).status).toBe(200)

        expect((await api.post(`/admin/reseller-keys/${keyId}/revoke`, {}, { headers: admin.headers })).status).toBe(200)
        octoError(await get("/products"), 403, "FORBIDDEN")
        expect((await get("/products", secondToken)).status).toBe(200)

        const third = await newKey({ title: "After the revocation", sales_channel_id: shop.salesChannelId })
        expect(third.status).toBe(200)
        expect(third.data.reseller_key.reseller).toMatchObject({ name: "After the revocation" })
        expect((await get("/products", third.data.reseller_key.token)).status).toBe(200)
        const list = await api.get(`/admin/reseller-keys`, { headers: admin.headers })
        expect(list.data.count).toBe(3)
        expect(list.data.reseller_keys.every((k: any) => k.sales_channel.id === shop.salesChannelId)).toBe(true)
        const resellers = await api.get(`/admin/resellers`, { headers: admin.headers })
        expect(resellers.data.resellers.map((r: any) => [r.name, r.keys.length]).sort()).toEqual([
          ["After the revocation", 1],
          ["Test reseller", 2],
        ])
      })

      it("refuses in the product's words: 404 for an unknown channel, key or reseller, 400 naming the field; never a message about links", async () => {
        const refusals = [
          [await newKey({ title: "x", sales_channel_id: "sc_missing" }), 404, /Sales channel with id: sc_missing was not found/],
          [await newKey({ title: "x", sales_channel_id: shop.salesChannelId, reseller_id: "orsl_MISSING" }), 404, /Reseller with id: orsl_MISSING was not found/],
          [await newKey({ title: "x", sales_channel_id: shop.salesChannelId, reseller_id: "nope" }), 400, /reseller_id/],
          [await newKey({ title: "x", sales_channel_id: shop.salesChannelId, reseller_id: "orsl_A", reseller_name: "B" }), 400, /reseller_name/],
          [await newKey({ title: "x" }), 400, /sales_channel_id/],
          [await newKey({ title: "x", sales_channel_id: shop.salesChannelId, color: "red" }), 400, /color/],
          [await attempt(api.post(`/admin/reseller-keys/orkey_missing/rotate`, {}, { headers: admin.headers })), 404, /Reseller key with id: orkey_missing was not found/],
          [await attempt(api.post(`/admin/reseller-keys/orkey_missing/revoke`, {}, { headers: admin.headers })), 404, /Reseller key with id: orkey_missing was not found/],
          [await attempt(api.post(`/admin/reseller-keys/${keyId}/rotate`, { title: "" }, { headers: admin.headers })), 400, /title/],
        ] as const
        for (const [response, status, message] of refusals) {
          expect({ status: response.status, message: response.data?.message }).toEqual({ status, message: expect.stringMatching(message) })
          expect(JSON.stringify(response.data)).not.toMatch(/link/i)
        }
        expect((await api.get(`/admin/reseller-keys`, { headers: admin.headers })).data.count).toBe(1)
      })

      it("rotates a key in two steps; the reseller's bookings made with the old key stay theirs, readable to the admin, with their order", async () => {
        const made = await confirmedBooking(token)
        const rotated = await attempt(api.post(`/admin/reseller-keys/${keyId}/rotate`, {}, { headers: admin.headers }))
        expect(rotated.status).toBe(200)
        const next = rotated.data.reseller_key
        expect(next).toMatchObject({ title: "Test reseller", reseller: { id: await resellerOf() }, sales_channel: { id: shop.salesChannelId }, revoked_at: null })
        expect(next.token).toMatch(/^octo_/)
        expect(rotated.data.replaced_key).toMatchObject({ id: keyId, replaced_by_id: next.id, revoked_at: null })
        // Until the admin confirms the switch, both keys work; a second rotation of the old key is refused.
        expect((await get("/products")).status).toBe(200)
        expect((await get(`/bookings/${made.uuid}`, next.token)).data).toMatchObject({ status: "CONFIRMED", id: made.booking.id })
        const again = await attempt(api.post(`/admin/reseller-keys/${keyId}/rotate`, {}, { headers: admin.headers }))
        expect([again.status, again.data.message]).toEqual([400, expect.stringContaining(`already rotated to ${next.id}`)])

        await api.post(`/admin/reseller-keys/${keyId}/revoke`, {}, { headers: admin.headers })
        octoError(await get(`/bookings/${made.uuid}`), 403, "FORBIDDEN")
        const read = await get(`/bookings/${made.uuid}`, next.token)
        expect(read.data).toMatchObject({ status: "CONFIRMED", id: made.booking.id, supplierReference: made.booking.supplierReference })
        const refused = await attempt(api.post(`/admin/reseller-keys/${keyId}/rotate`, {}, { headers: admin.headers }))
        expect([refused.status, refused.data.message]).toEqual([400, expect.stringContaining("is revoked")])

        // The admin still reads the order the revoked key made, with its allocation.
        const [order] = await ordersOf(made.uuid)
        const adminOrder = await api.get(`/admin/orders/${order.id}?fields=id,status,metadata`, { headers: admin.headers })
        expect(adminOrder.data.order).toMatchObject({ id: order.id, status: "pending", metadata: { octo: expect.objectContaining({ uuid: made.uuid, reseller_key_id: keyId }) } })
        const [allocations] = await bookingService(getContainer()).listAllocations({ order_id: order.id } as any, {} as any)
        expect(allocations.map((a: any) => a.status)).toEqual(["ACTIVE"])
        // The new key cancels it as the reseller's own.
        const canceled = await post(`/bookings/${made.uuid}/cancel`, {}, next.token)
        expect([canceled.status, canceled.data.status]).toEqual([200, "CANCELLED"])
        expect(await available(10)).toBe(10)
      })

      it("two resellers on one channel never see each other's bookings", async () => {
        const other = await newKey({ title: "Other reseller", sales_channel_id: shop.salesChannelId })
        const otherToken = other.data.reseller_key.token
        const uuid = randomUUID()
        const mine = await reserve({ uuid, resellerReference: "SHARED-REF" })
        expect(mine.status).toBe(200)
        const theirs = await post("/bookings", { uuid: randomUUID(), productId: tour.productId, optionId: tour.variantId, availabilityId: A(10), unitItems: units(1), resellerReference: "SHARED-REF" }, otherToken)
        expect(theirs.status).toBe(200)

        for (const call of [
          get(`/bookings/${uuid}`, otherToken),
          post(`/bookings/${uuid}/confirm`, {}, otherToken),
          post(`/bookings/${uuid}/cancel`, {}, otherToken),
          post(`/bookings/${uuid}/extend`, {}, otherToken),
          attempt(api.patch(`/octo/bookings/${uuid}`, { notes: "mine now" }, auth(otherToken))),
          post("/bookings", { uuid, productId: tour.productId, optionId: tour.variantId, availabilityId: A(10), unitItems: units(2) }, otherToken),
        ]) {
          octoError(await call, 400, "INVALID_BOOKING_UUID", zErrorInvalidBookingUuid)
        }
        expect((await get(`/bookings?resellerReference=SHARED-REF`)).data.map((b: any) => b.uuid)).toEqual([uuid])
        expect((await get(`/bookings?resellerReference=SHARED-REF`, otherToken)).data.map((b: any) => b.uuid)).toEqual([theirs.data.uuid])
        expect((await get(`/bookings?supplierReference=${mine.data.supplierReference}`, otherToken)).data).toEqual([])
        // Nothing the other reseller tried changed the booking.
        expect((await get(`/bookings/${uuid}`)).data).toMatchObject({ status: "ON_HOLD", notes: null })
        expect(await available(10)).toBe(7)
        await assertLedgerInvariants(dbConfig.clientUrl, tour.resource.id)
      })
    })

    describe("supplier, products, availability", () => {
      it("GET /octo/supplier", async () => {
        const response = await get("/supplier")
        expect(response.status).toBe(200)
        conforms(zSupplier, response.data)
      })

      it("GET /octo/products lists the channel's products whose variants book resources; GET /octo/products/:id", async () => {
        const response = await get("/products")
        expect(response.status).toBe(200)
        response.data.forEach((product: unknown) => conforms(zProduct, product))
        expect(response.data.map((p: any) => p.id).sort()).toEqual([tour.productId, other.productId].sort())
        const product = response.data.find((p: any) => p.id === tour.productId)
        expect(product).toMatchObject({ availabilityType: "OPENING_HOURS", timeZone: "Australia/Brisbane" })
        expect(product.options).toEqual([expect.objectContaining({ id: tour.variantId, default: true, units: [expect.objectContaining({ id: "unit" })] })])

        const one = await get(`/products/${tour.productId}`)
        expect(one.status).toBe(200)
        conforms(zProduct, one.data)
        octoError(await get("/products/prod_nope"), 400, "INVALID_PRODUCT_ID", zErrorInvalidProductId)
      })

      it("POST /octo/availability by range and by ids; POST /octo/availability/calendar", async () => {
        const range = await post("/availability", {
          productId: tour.productId,
          optionId: tour.variantId,
          localDateStart: D(9),
          localDateEnd: D(11),
          units: [{ id: "unit", quantity: 2 }],
        })
        expect(range.status).toBe(200)
        range.data.forEach((a: unknown) => conforms(zAvailability, a))
        expect(range.data.map((a: any) => a.id)).toEqual([A(9), A(10), A(11)])
        expect(range.data[0]).toMatchObject({ allDay: true, status: "AVAILABLE", available: true, vacancies: 10, capacity: 10, localDateTimeStart: A(9) })

        const byIds = await post("/availability", { productId: tour.productId, optionId: tour.variantId, availabilityIds: [A(10)] })
        expect(byIds.status).toBe(200)
        expect(byIds.data.map((a: any) => a.id)).toEqual([A(10)])

        // Closed: before the capacity starts (no capacity) and in the past.
        const closed = await post("/availability", { productId: tour.productId, optionId: tour.variantId, localDateStart: D(-1), localDateEnd: D(0) })
        expect(closed.data.map((a: any) => [a.status, a.available])).toEqual([["CLOSED", false], ["CLOSED", false]])

        const calendar = await post("/availability/calendar", { productId: tour.productId, optionId: tour.variantId, localDateStart: D(9), localDateEnd: D(12) })
        expect(calendar.status).toBe(200)
        calendar.data.forEach((a: unknown) => conforms(zAvailabilityCalendar, a))
        expect(calendar.data.map((a: any) => a.localDate)).toEqual([D(9), D(10), D(11), D(12)])
      })

      it("answers OCTo errors for bad availability requests", async () => {
        const body = { productId: tour.productId, optionId: tour.variantId, localDateStart: D(9), localDateEnd: D(10) }
        octoError(await post("/availability", { ...body, productId: "nope" }), 400, "INVALID_PRODUCT_ID", zErrorInvalidProductId)
        octoError(await post("/availability", { ...body, optionId: "nope" }), 400, "INVALID_OPTION_ID", zErrorInvalidOptionId)
        octoError(await post("/availability", { ...body, units: [{ id: "adult", quantity: 1 }] }), 400, "INVALID_UNIT_ID", zErrorInvalidUnitId)
        octoError(
          await post("/availability", { productId: tour.productId, optionId: tour.variantId, availabilityIds: ["2020-13-01"] }),
          400,
          "INVALID_AVAILABILITY_ID",
          zErrorInvalidAvailabilityId
        )
        octoError(await post("/availability", { ...body, availabilityIds: [A(10)] }), 400, "BAD_REQUEST")
        octoError(await post("/availability", { productId: tour.productId, optionId: tour.variantId }), 400, "BAD_REQUEST")
        octoError(await post("/availability/calendar", { productId: tour.productId, optionId: tour.variantId, localDateEnd: D(3) }), 400, "BAD_REQUEST")
        octoError(await post("/availability/calendar", { ...body, localDateStart: D(11) }), 400, "BAD_REQUEST")
      })
    })

    describe("bookings", () => {
      it("reserves ON_HOLD as a hold group; the same uuid twice makes one booking", async () => {
        const uuid = randomUUID()
        const first = await reserve({ uuid, resellerReference: "RES-1", expirationMinutes: 45 })
        expect(first.status).toBe(200)
        conforms(zBooking, first.data)
        expect(first.data).toMatchObject({ uuid, status: "ON_HOLD", resellerReference: "RES-1", availabilityId: A(10), utcConfirmedAt: null })
        expect(first.data.unitItems).toHaveLength(2)
        const expires = Date.parse(first.data.utcExpiresAt)
        expect(expires - Date.now()).toBeGreaterThan(40 * 60_000)
        expect(expires - Date.now()).toBeLessThanOrEqual(46 * 60_000)

        const again = await reserve({ uuid, resellerReference: "RES-1", expirationMinutes: 45 })
        expect(again.status).toBe(200)
        expect(again.data.id).toBe(first.data.id)
        expect(await sql(dbConfig.clientUrl, `SELECT id FROM octo_booking WHERE uuid = $1`, [uuid])).toHaveLength(1)
        expect(await sql(dbConfig.clientUrl, `SELECT channel FROM resource_hold WHERE metadata->>'octo_booking_uuid' = $1`, [uuid])).toEqual([
          { channel: "octo" },
        ])
        expect(await available(10)).toBe(8)
        await assertLedgerInvariants(dbConfig.clientUrl, tour.resource.id)
      })

      it("answers OCTo errors for bad reservations and takes nothing", async () => {
        octoError(await reserve({ productId: "nope" }), 400, "INVALID_PRODUCT_ID", zErrorInvalidProductId)
        octoError(await reserve({ optionId: "nope" }), 400, "INVALID_OPTION_ID", zErrorInvalidOptionId)
        octoError(await reserve({ availabilityId: "nope" }), 400, "INVALID_AVAILABILITY_ID", zErrorInvalidAvailabilityId)
        octoError(await reserve({ availabilityId: A(-1) }), 400, "INVALID_AVAILABILITY_ID", zErrorInvalidAvailabilityId)
        octoError(await reserve({ unitItems: [{ unitId: "adult" }] }), 400, "INVALID_UNIT_ID", zErrorInvalidUnitId)
        octoError(await reserve({ unitItems: undefined }), 400, "UNPROCESSABLE_ENTITY")
        octoError(await reserve({ unitItems: [] }), 400, "UNPROCESSABLE_ENTITY")
        octoError(await reserve({ unitItems: units(11) }), 400, "UNPROCESSABLE_ENTITY")
        octoError(await reserve({ uuid: "not-a-uuid" }), 400, "BAD_REQUEST")
        octoError(await reserve({ expirationMinutes: 0 }), 400, "BAD_REQUEST")
        octoError(await post("/bookings", [1]), 400, "BAD_REQUEST")
        expect(await sql(dbConfig.clientUrl, `SELECT id FROM octo_booking`)).toHaveLength(0)
        expect(await available(10)).toBe(10)
      })

      it("extends, updates (reference, contact, date, product) while ON_HOLD, lists by references", async () => {
        const uuid = randomUUID()
        const reserved = await reserve({ uuid, expirationMinutes: 10 })
        const extended = await post(`/bookings/${uuid}/extend`, { expirationMinutes: 60 })
        expect(extended.status).toBe(200)
        conforms(zBooking, extended.data)
        expect(Date.parse(extended.data.utcExpiresAt)).toBeGreaterThan(Date.parse(reserved.data.utcExpiresAt))

        const contact = { fullName: "Ann Lee", emailAddress: "ann@example.com", locales: ["en"] }
        const updated = await patch(`/bookings/${uuid}`, { resellerReference: "R-77", contact, notes: "window seat" })
        expect(updated.status).toBe(200)
        conforms(zBooking, updated.data)
        expect(updated.data).toMatchObject({ resellerReference: "R-77", notes: "window seat", contact: expect.objectContaining(contact) })

        const moved = await patch(`/bookings/${uuid}`, { availabilityId: A(12), unitItems: units(3) })
        expect(moved.status).toBe(200)
        conforms(zBooking, moved.data)
        expect(moved.data).toMatchObject({ availabilityId: A(12), status: "ON_HOLD" })
        expect(moved.data.unitItems).toHaveLength(3)
        expect([await available(10), await available(12)]).toEqual([10, 7])

        const switched = await patch(`/bookings/${uuid}`, { productId: other.productId, optionId: other.variantId })
        expect(switched.status).toBe(200)
        expect(switched.data).toMatchObject({ productId: other.productId, optionId: other.variantId })
        expect([await available(12), await available(12, other.resource.id)]).toEqual([10, 2])
        octoError(await patch(`/bookings/${uuid}`, { availabilityId: "x" }), 400, "INVALID_AVAILABILITY_ID", zErrorInvalidAvailabilityId)

        const byReseller = await get(`/bookings?resellerReference=R-77`)
        expect(byReseller.status).toBe(200)
        byReseller.data.forEach((b: unknown) => conforms(zBooking, b))
        expect(byReseller.data.map((b: any) => b.uuid)).toEqual([uuid])
        const bySupplier = await get(`/bookings?supplierReference=${switched.data.supplierReference}`)
        expect(bySupplier.data.map((b: any) => b.uuid)).toEqual([uuid])
        octoError(await get(`/bookings`), 400, "BAD_REQUEST")

        const read = await get(`/bookings/${uuid}`)
        expect(read.status).toBe(200)
        conforms(zBooking, read.data)
        octoError(await get(`/bookings/${randomUUID()}`), 400, "INVALID_BOOKING_UUID", zErrorInvalidBookingUuid)
        octoError(await post(`/bookings/${randomUUID()}/extend`, {}), 400, "INVALID_BOOKING_UUID", zErrorInvalidBookingUuid)
        await assertLedgerInvariants(dbConfig.clientUrl)
      })

      it("confirms into exactly one Medusa order with the allocations; a redelivered confirm changes nothing; cancel gives capacity back once", async () => {
        const uuid = randomUUID()
        await reserve({ uuid, resellerReference: "R-9" })
        const contact = { firstName: "Bo", lastName: "Ng", emailAddress: "bo@example.com" }
        const confirmed = await post(`/bookings/${uuid}/confirm`, { contact, resellerReference: "R-10" })
        expect(confirmed.status).toBe(200)
        conforms(zBooking, confirmed.data)
        expect(confirmed.data).toMatchObject({ status: "CONFIRMED", resellerReference: "R-10", utcExpiresAt: null })
        expect(confirmed.data.voucher.deliveryOptions).toHaveLength(1)

        const again = await post(`/bookings/${uuid}/confirm`, { contact })
        expect(again.status).toBe(200)
        expect(again.data.status).toBe("CONFIRMED")
        const orders = await ordersOf(uuid)
        expect(orders).toHaveLength(1)
        expect(orders[0]).toMatchObject({
          sales_channel_id: shop.salesChannelId,
          metadata: { reseller_booking: true, octo: expect.objectContaining({ uuid, reseller_reference: "R-10" }) },
        })
        const [allocations] = await bookingService(getContainer()).listAllocations({ order_id: orders[0].id } as any, {} as any)
        expect(allocations).toEqual([
          expect.objectContaining({ resource_id: tour.resource.id, quantity: 2, line_item_id: orders[0].items[0].id, status: "ACTIVE" }),
        ])
        expect(await available(10)).toBe(8)
        // Visible where the admin looks: Orders (Medusa's own list) and the resource's manifest.
        const adminOrders = await api.get(`/admin/orders?sales_channel_id[]=${shop.salesChannelId}&fields=id,metadata`, { headers: admin.headers })
        expect(adminOrders.data.orders.map((o: any) => o.id)).toContain(orders[0].id)
        const manifest = await api.get(`/admin/resources/${tour.resource.id}/manifest?date=${D(10)}`, { headers: admin.headers })
        expect(manifest.data.manifest.resource_allocations).toEqual([
          expect.objectContaining({ order_id: orders[0].id, line_item_id: orders[0].items[0].id, quantity: 2 }),
        ])
        octoError(await post(`/bookings/${uuid}/extend`, {}), 400, "UNPROCESSABLE_ENTITY")
        octoError(await patch(`/bookings/${uuid}`, { availabilityId: A(11) }), 400, "UNPROCESSABLE_ENTITY")
        await assertLedgerInvariants(dbConfig.clientUrl, tour.resource.id)

        const canceled = await post(`/bookings/${uuid}/cancel`, { reason: "Customer changed plans" })
        expect(canceled.status).toBe(200)
        conforms(zBooking, canceled.data)
        expect(canceled.data).toMatchObject({ status: "CANCELLED", cancellable: false, cancellation: expect.objectContaining({ reason: "Customer changed plans" }) })
        expect(await available(10)).toBe(10)
        const twice = await post(`/bookings/${uuid}/cancel`, {})
        expect(twice.data.status).toBe("CANCELLED")
        expect(await available(10)).toBe(10)
        expect((await ordersOf(uuid))[0].status).toBe("canceled")
        const [after] = await bookingService(getContainer()).listAllocations({ order_id: orders[0].id } as any, {} as any)
        expect(after.map((a: any) => a.status)).toEqual(["CANCELED"])
        octoError(await post(`/bookings/${uuid}/confirm`, { contact }), 400, "UNPROCESSABLE_ENTITY")
        await assertLedgerInvariants(dbConfig.clientUrl, tour.resource.id)
      })

      it("confirms with another number of unit items: the new hold group first, the order for the new quantity, the old group released", async () => {
        const uuid = randomUUID()
        await reserve({ uuid, availabilityId: A(14) })
        expect(await available(14)).toBe(8)
        const confirmed = await post(`/bookings/${uuid}/confirm`, { unitItems: [{ unitId: "unit", resellerReference: "U1" }, ...units(2)] })
        expect(confirmed.status).toBe(200)
        conforms(zBooking, confirmed.data)
        expect(confirmed.data.status).toBe("CONFIRMED")
        expect(confirmed.data.unitItems.map((u: any) => u.resellerReference)).toEqual(["U1", null, null])
        const [order] = await ordersOf(uuid)
        const lines = await sql(dbConfig.clientUrl, `SELECT quantity::int AS quantity FROM order_item WHERE order_id = $1`, [order.id])
        expect(lines).toEqual([{ quantity: 3 }])
        expect(await available(14)).toBe(7)
        const holds = await sql(dbConfig.clientUrl, `SELECT status, quantity FROM resource_hold WHERE metadata->>'octo_booking_uuid' = $1 ORDER BY created_at`, [uuid])
        expect(holds).toEqual([
          { status: "RELEASED", quantity: 2 },
          { status: "CONFIRMED", quantity: 3 },
        ])
        await assertLedgerInvariants(dbConfig.clientUrl, tour.resource.id)
      })

      it("a confirmation that fails after making its order undoes it: no order left, the claim ended, the booking as it was", async () => {
        const uuid = randomUUID()
        const reserved = await reserve({ uuid, availabilityId: A(15) })
        // Another order owns the hold already (the ledger refuses a second one).
        const [record] = await sql(dbConfig.clientUrl, `SELECT hold_ids FROM octo_booking WHERE uuid = $1`, [uuid])
        await bookingService(getContainer()).confirmHold({ hold_id: record.hold_ids[0], order_id: "order_elsewhere", line_item_id: "ordli_elsewhere" })
        const refused = await post(`/bookings/${uuid}/confirm`, {})
        expect([refused.status, refused.data.error]).toEqual([400, "UNPROCESSABLE_ENTITY"])
        expect(refused.data.errorMessage).toContain("already confirmed into order order_elsewhere")
        expect(await ordersOf(uuid)).toHaveLength(0)
        const [after] = await sql(dbConfig.clientUrl, `SELECT status, order_id, claim_token, hold_ids FROM octo_booking WHERE uuid = $1`, [uuid])
        expect(after).toEqual({ status: "ON_HOLD", order_id: null, claim_token: null, hold_ids: record.hold_ids })
        expect((await get(`/bookings/${uuid}`)).data.supplierReference).toBe(reserved.data.supplierReference)
        await assertLedgerInvariants(dbConfig.clientUrl, tour.resource.id)
      })

      it("shows a booking whose order an admin canceled as CANCELLED; cancelling it then changes nothing", async () => {
        const uuid = randomUUID()
        await reserve({ uuid })
        await post(`/bookings/${uuid}/confirm`, { contact: { emailAddress: "cy@example.com" } })
        const [order] = await ordersOf(uuid)
        await api.post(`/admin/orders/${order.id}/cancel`, {}, { headers: admin.headers })
        const read = await get(`/bookings/${uuid}`)
        conforms(zBooking, read.data)
        expect(read.data).toMatchObject({ status: "CANCELLED", cancellable: false })
        const before = await available(10)
        const canceled = await post(`/bookings/${uuid}/cancel`, {})
        expect([canceled.status, canceled.data.status]).toEqual([200, "CANCELLED"])
        expect(await available(10)).toBe(before)
        await assertLedgerInvariants(dbConfig.clientUrl, tour.resource.id)
      })

      it("cancels a reservation by releasing its holds", async () => {
        const uuid = randomUUID()
        await reserve({ uuid })
        expect(await available(10)).toBe(8)
        const canceled = await post(`/bookings/${uuid}/cancel`, {})
        expect(canceled.status).toBe(200)
        conforms(zBooking, canceled.data)
        expect(canceled.data.status).toBe("CANCELLED")
        expect(await available(10)).toBe(10)
        expect(await ordersOf(uuid)).toHaveLength(0)
        octoError(await post(`/bookings/${randomUUID()}/cancel`, {}), 400, "INVALID_BOOKING_UUID", zErrorInvalidBookingUuid)
      })

      it("24 confirmations of one reservation at once make one order: every answer CONFIRMED with that order, capacity taken once", async () => {
        const uuid = randomUUID()
        await reserve({ uuid, availabilityId: A(11) })
        const answers = await Promise.all(Array.from({ length: 24 }, () => post(`/bookings/${uuid}/confirm`, { resellerReference: "RACE" })))
        expect(answers.map((a) => a.status)).toEqual(Array(24).fill(200))
        const orders = await ordersOf(uuid)
        expect(orders).toHaveLength(1)
        const [record] = await sql(dbConfig.clientUrl, `SELECT id, order_id, status, claim_token FROM octo_booking WHERE uuid = $1`, [uuid])
        expect(record).toMatchObject({ order_id: orders[0].id, status: "CONFIRMED", claim_token: null })
        for (const answer of answers) {
          expect(answer.data).toMatchObject({ id: record.id, status: "CONFIRMED", resellerReference: "RACE", supplierReference: answers[0].data.supplierReference, utcConfirmedAt: answers[0].data.utcConfirmedAt })
        }
        const allocations = await sql(dbConfig.clientUrl, `SELECT order_id, resource_id FROM resource_allocation WHERE order_id = ANY($1)`, [orders.map((o: any) => o.id)])
        expect(allocations).toEqual([{ order_id: orders[0].id, resource_id: tour.resource.id }])
        expect(await available(11)).toBe(8)
        await assertLedgerInvariants(dbConfig.clientUrl, tour.resource.id)
      })

      it("confirmations, cancellations and updates of one booking at once end in one consistent state", async () => {
        const uuid = randomUUID()
        await reserve({ uuid, availabilityId: A(12) })
        const calls = [
          ...Array.from({ length: 4 }, () => post(`/bookings/${uuid}/confirm`, {})),
          ...Array.from({ length: 4 }, () => post(`/bookings/${uuid}/cancel`, { reason: "race" })),
          ...Array.from({ length: 4 }, (_, i) => patch(`/bookings/${uuid}`, { notes: `note ${i}` })),
          ...Array.from({ length: 2 }, () => patch(`/bookings/${uuid}`, { availabilityId: A(13) })),
        ]
        const answers = await Promise.all(calls)
        for (const answer of answers) {
          if (answer.status !== 200) expect([answer.status, answer.data.error]).toEqual([400, "UNPROCESSABLE_ENTITY"])
        }
        const [record] = await sql(dbConfig.clientUrl, `SELECT status, order_id, local_date, claim_token FROM octo_booking WHERE uuid = $1`, [uuid])
        expect(record.claim_token).toBeNull()
        const orders = await ordersOf(uuid)
        expect(orders.length).toBeLessThanOrEqual(1)
        const final = await get(`/bookings/${uuid}`)
        expect(["CONFIRMED", "CANCELLED"]).toContain(final.data.status)
        if (final.data.status === "CONFIRMED") {
          expect(orders.map((o: any) => [o.id, o.status])).toEqual([[record.order_id, "pending"]])
          expect([await available(12), await available(13)].sort()).toEqual([8, 10])
        } else {
          if (orders.length) expect(orders[0].status).toBe("canceled")
          expect([await available(12), await available(13)]).toEqual([10, 10])
        }
        await assertLedgerInvariants(dbConfig.clientUrl, tour.resource.id)
      })

      it("OCTo and storefront bookings racing for the last places: exactly 10 of 200 win, the ledger stays exact", async () => {
        const octoCalls = Array.from({ length: 100 }, () => reserve({ availabilityId: A(20), unitItems: units(1) }))
        const storeCalls = Array.from({ length: 100 }, (_, i) =>
          attempt(
            api.post(
              "/store/resource-holds",
              { resource_id: tour.resource.id, dates: [D(20)], quantity: 1, customer_email: `racer${i}@example.com` },
              storeHeaders(shop)
            )
          )
        )
        const [octo, store] = await Promise.all([Promise.all(octoCalls), Promise.all(storeCalls)])
        const octoWins = octo.filter((r) => r.status === 200).length
        const storeWins = store.filter((r) => r.status === 201).length
        expect(octoWins + storeWins).toBe(10)
        for (const r of octo.filter((r) => r.status !== 200)) expect([r.status, r.data.error]).toEqual([400, "UNPROCESSABLE_ENTITY"])
        for (const r of store.filter((r) => r.status !== 201)) expect(r.status).toBe(409)
        expect(await available(20)).toBe(0)
        await assertLedgerInvariants(dbConfig.clientUrl, tour.resource.id)
        const full = await post("/availability", { productId: tour.productId, optionId: tour.variantId, availabilityIds: [A(20)] })
        expect(full.data[0]).toMatchObject({ status: "SOLD_OUT", available: false, vacancies: 0 })
      })
    })
  },
})
