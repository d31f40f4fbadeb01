/**
 * OCTo over time (contract "OCTo over time"): a product whose variant books a
 * DEPARTURE resource is `availabilityType: START_TIME`, one availability per
 * departure (id = its localDateTimeStart, with the offset of that instant),
 * reserved and confirmed by departure; a day product stays OPENING_HOURS.
 * And no hoarding through OCTo (issue 20 part 4): each reseller key keeps at
 * most maxActiveHoldsPerResellerKey live reservations (3 here); beyond it the
 * answer is 429 with an OCTo error body, while another key still books.
 *
 * The app runs in Europe/Berlin (2027-03-28 02:00 → 03:00, 2027-10-31
 * 03:00 → 02:00); the variables are read when the runner boots the app and
 * reset afterwards. Every OCTo answer is checked against @octocloud/types.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { zAvailability, zAvailabilityCalendar, zBaseError, zBooking, zErrorInvalidAvailabilityId, zProduct } from "@octocloud/types"
import { randomUUID } from "crypto"
import { setResourceCapacityWorkflow } from "../../src/workflows/set-resource-capacity"
import { createAdminHeaders } from "./admin-helpers"
import { assertLedgerInvariants, sql } from "./helpers/db"
import { weekdayOf } from "../../src/workflows/utils/booking-prices"
import {
  attempt,
  BookableVariant,
  bookingService,
  createBookableVariant,
  createCart,
  createShop,
  dayIn,
  Shop,
  storeHeaders,
  uniqueName,
} from "./helpers/fixtures"

jest.setTimeout(240 * 1000)

const ZONE = "Europe/Berlin"
const ENV = { RESOURCE_BOOKING_TIMEZONE: ZONE, RESOURCE_BOOKING_MAX_HOLDS_PER_RESELLER_KEY: "3" }
Object.assign(process.env, ENV)
afterAll(() => {
  for (const key of Object.keys(ENV)) delete process.env[key]
})

const D = (offset: number) => dayIn(ZONE, offset)

type Schema = { safeParse: (value: unknown) => { success: boolean; error?: any } }
function conforms(schema: Schema, value: unknown): void {
  const result = schema.safeParse(value)
  if (!result.success) throw new Error(`not OCTo-conformant: ${JSON.stringify(result.error?.issues ?? result.error)}\n${JSON.stringify(value)}`)
}
function octoError(response: { status: number; data: any }, status: number, code: string, schema: Schema = zBaseError) {
  expect({ status: response.status, error: response.data?.error }).toEqual({ status, error: code })
  conforms(schema, response.data)
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    let shop: Shop
    let tour: BookableVariant
    let day: BookableVariant
    let admin: { headers: Record<string, string> }
    let token: string

    /** A product variant booking a new DEPARTURE resource with these departures on from..to. */
    async function departureVariant(seats: number, startTimes: string[], from: string, to: string, duration = 90) {
      const container = getContainer()
      const resource = await bookingService(container).createResources({
        type: "TOUR",
        name: uniqueName("Sunset tour"),
        booking_mode: "DEPARTURE",
      } as any)
      const variant = await createBookableVariant(container, shop, { resource: resource as any, unitPrice: 40 })
      await setResourceCapacityWorkflow(container).run({
        input: { resource_id: resource.id, from, to, start_times: startTimes, duration_minutes: duration, max_capacity: seats },
      })
      return variant
    }

    const newKey = async (title: string) =>
      (await api.post("/admin/reseller-keys", { title, sales_channel_id: shop.salesChannelId }, { headers: admin.headers })).data.reseller_key
        .token as string

    beforeAll(async () => {
      const container = getContainer()
      shop = await createShop(container)
      admin = await createAdminHeaders(container, "octo-departures@example.com")
      tour = await departureVariant(5, ["07:00", "16:30"], D(10), D(12))
      day = await createBookableVariant(container, shop, { capacity: 10, from: D(10), to: D(12), type: "TOUR" })
      token = await newKey("Departures reseller")
    })

    const auth = (key = token) => ({ headers: { authorization: `Bearer ${key}` } })
    const post = (path: string, body: unknown, key?: string) => attempt(api.post(`/octo${path}`, body, auth(key)))
    const units = (n: number) => Array.from({ length: n }, () => ({ unitId: "unit" }))
    const availability = async (variant: BookableVariant, from: string, to = from) => {
      const response = await post("/availability", { productId: variant.productId, optionId: variant.variantId, localDateStart: from, localDateEnd: to })
      expect(response.status).toBe(200)
      response.data.forEach((a: unknown) => conforms(zAvailability, a))
      return response.data as any[]
    }
    /** The ledger's departures of a date on the tour's resource: [start_time, available_capacity]. */
    const seatsLeft = async (variant: BookableVariant, date: string) => {
      const answer = await bookingService(getContainer()).getAvailability({ resource_id: variant.resource.id, from: date, to: date })
      return (answer.dates[0].departures ?? []).map((d: any) => [d.start_time, d.available_capacity])
    }
    const reserve = (variant: BookableVariant, availabilityId: string, n: number, key?: string) =>
      post("/bookings", { uuid: randomUUID(), productId: variant.productId, optionId: variant.variantId, availabilityId, unitItems: units(n) }, key)

    it("a DEPARTURE product is START_TIME with its departures' start times; a day product stays OPENING_HOURS", async () => {
      const response = await attempt(api.get("/octo/products", auth()))
      expect(response.status).toBe(200)
      response.data.forEach((product: unknown) => conforms(zProduct, product))
      const departures = response.data.find((p: any) => p.id === tour.productId)
      expect(departures).toMatchObject({ availabilityType: "START_TIME", timeZone: ZONE })
      expect(departures.options[0].availabilityLocalStartTimes).toEqual(["07:00", "16:30"])
      const days = response.data.find((p: any) => p.id === day.productId)
      expect(days).toMatchObject({ availabilityType: "OPENING_HOURS" })
      expect(days.options[0].availabilityLocalStartTimes).toEqual(["00:00"])
    })

    it("answers one availability per departure, id = localDateTimeStart; by ids; the calendar per date", async () => {
      const list = await availability(tour, D(10), D(11))
      const startOf = (date: string, time: string) => list.find((a) => a.localDateTimeStart.startsWith(`${date}T${time}`))
      expect(list.map((a) => a.localDateTimeStart.slice(0, 16))).toEqual([
        `${D(10)}T07:00`,
        `${D(10)}T16:30`,
        `${D(11)}T07:00`,
        `${D(11)}T16:30`,
      ])
      for (const a of list) {
        expect(a.id).toBe(a.localDateTimeStart)
        expect(a.id).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00$/)
        expect(a).toMatchObject({ allDay: false, available: true, status: "AVAILABLE", vacancies: 5, capacity: 5, openingHours: [] })
        // 90 minutes later, and no later than the departure it sells.
        expect(Date.parse(a.localDateTimeEnd) - Date.parse(a.localDateTimeStart)).toBe(90 * 60_000)
        expect(Date.parse(a.utcCutoffAt)).toBeLessThanOrEqual(Date.parse(a.localDateTimeStart))
      }
      const evening = startOf(D(11), "16:30")
      const byIds = await post("/availability", { productId: tour.productId, optionId: tour.variantId, availabilityIds: [evening.id] })
      expect(byIds.data.map((a: any) => a.id)).toEqual([evening.id])
      // A time that is no departure, and a departure's time with the wrong offset, are not ids of ours.
      const wrongOffset = evening.id.replace(/\+0[12]:00$/, "+05:00")
      for (const id of [`${D(11)}T09:00:00+01:00`, wrongOffset, `${D(11)}T00:00:00+01:00`]) {
        octoError(await reserve(tour, id, 1), 400, "INVALID_AVAILABILITY_ID", zErrorInvalidAvailabilityId)
      }

      const calendar = await post("/availability/calendar", { productId: tour.productId, optionId: tour.variantId, localDateStart: D(9), localDateEnd: D(10) })
      expect(calendar.status).toBe(200)
      calendar.data.forEach((a: unknown) => conforms(zAvailabilityCalendar, a))
      expect(calendar.data).toEqual([
        expect.objectContaining({ localDate: D(9), status: "CLOSED", available: false, vacancies: 0 }),
        expect.objectContaining({ localDate: D(10), status: "AVAILABLE", available: true, vacancies: 10, capacity: 10 }),
      ])
    })

    it("reserves and confirms one departure: the other departure of the date keeps its seats; the order names the departure", async () => {
      const [, evening] = await availability(tour, D(11))
      const uuid = randomUUID()
      const reserved = await post("/bookings", {
        uuid,
        productId: tour.productId,
        optionId: tour.variantId,
        availabilityId: evening.id,
        unitItems: units(2),
      })
      expect(reserved.status).toBe(200)
      conforms(zBooking, reserved.data)
      expect(reserved.data).toMatchObject({ status: "ON_HOLD", availabilityId: evening.id, availability: { id: evening.id, allDay: false } })
      expect(typeof reserved.data.utcCreatedAt).toBe("string")
      expect(await seatsLeft(tour, D(11))).toEqual([["07:00", 5], ["16:30", 3]])

      const confirmed = await post(`/bookings/${uuid}/confirm`, { contact: { emailAddress: "dep@example.com", fullName: "Dee Parture" } })
      expect(confirmed.status).toBe(200)
      conforms(zBooking, confirmed.data)
      expect(confirmed.data).toMatchObject({ status: "CONFIRMED", availabilityId: evening.id, availability: { status: "LIMITED", vacancies: 3 } })
      expect(await seatsLeft(tour, D(11))).toEqual([["07:00", 5], ["16:30", 3]])

      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({ entity: "order", fields: ["id", "metadata", "items.quantity", "items.metadata"] })
      const order = (orders as any[]).find((o) => o.metadata?.octo?.uuid === uuid)
      expect(order.items[0]).toMatchObject({ metadata: { departures: [{ date: D(11), start_time: "16:30" }] } })
      const [allocations] = await bookingService(getContainer()).listAllocations({ order_id: order.id } as any, {} as any)
      expect(allocations).toEqual([expect.objectContaining({ status: "ACTIVE", quantity: 2, departures: [expect.objectContaining({ date: D(11), start_time: "16:30" })] })])
      await assertLedgerInvariants(dbConfig.clientUrl, tour.resource.id)
    })

    it("octo/pricing: products, availability, calendar and bookings carry the storefront's prices; the confirmed order costs the storefront cart's total", async () => {
      const container = getContainer()
      const priced = await createBookableVariant(container, shop, { capacity: 10, from: D(10), to: D(16), type: "TOUR", unitPrice: 40 })
      const rate = async (variantId: string, body: unknown) =>
        expect((await attempt(api.post(`/admin/product-variants/${variantId}/rates`, body, admin))).status).toBe(201)
      await rate(priced.variantId, { title: "Weekend", prices: [{ currency_code: "aud", amount: 55 }], weekdays: [0, 6] })
      await rate(tour.variantId, { title: "Evening", prices: [{ currency_code: "aud", amount: 60.5 }], start_time: "16:30" })
      const dates = Array.from({ length: 7 }, (_, i) => D(10 + i))
      const isWeekend = (date: string) => [0, 6].includes(weekdayOf(date))
      const weekend = dates.find(isWeekend)!
      const weekday = dates.find((date) => !isWeekend(date))!
      const priceHeaders = { headers: { authorization: `Bearer ${token}`, "octo-capabilities": "octo/pricing" } }
      const octo = (path: string, body: unknown) => attempt(api.post(`/octo${path}`, body, priceHeaders))
      const storeDays = async (variant: BookableVariant, from: string, to: string) =>
        (await api.get(`/store/resources/${variant.resource.id}/availability?from=${from}&to=${to}&quantity=2&variant_id=${variant.variantId}&region_id=${shop.regionId}`, storeHeaders(shop)))
          .data.availability.dates
      const minor = (price: { amount: number; currency_code: string }) => {
        expect(price.currency_code).toBe("aud")
        return Math.round(price.amount * 100)
      }
      const retail = (pricing: any) => {
        expect(pricing).toMatchObject({ currency: "AUD", currencyPrecision: 2, includedTaxes: [] })
        expect(pricing.original).toBe(pricing.retail)
        return pricing.retail
      }

      // Products: currency, per unit, "from" prices (the lowest coming price of one unit); none without the capability.
      const products = await attempt(api.get("/octo/products", priceHeaders))
      products.data.forEach((product: unknown) => conforms(zProduct, product))
      const product = products.data.find((p: any) => p.id === priced.productId)
      expect(product).toMatchObject({ defaultCurrency: "AUD", availableCurrencies: ["AUD"], pricingPer: "UNIT" })
      expect(product.options[0].pricingFrom.map(retail)).toEqual([4000])
      expect(product.options[0].units[0].pricingFrom.map(retail)).toEqual([4000])
      const plain = (await attempt(api.get("/octo/products", auth()))).data.find((p: any) => p.id === priced.productId)
      expect(plain.pricingPer).toBeUndefined()
      expect(plain.options[0].pricingFrom).toBeUndefined()

      // Availability and calendar (2 units): the storefront's price of each date, weekday 2 × 40, weekend 2 × 55.
      const body = { productId: priced.productId, optionId: priced.variantId, localDateStart: D(10), localDateEnd: D(16), units: [{ id: "unit", quantity: 2 }] }
      const store = await storeDays(priced, D(10), D(16))
      const list = await octo("/availability", body)
      expect(list.status).toBe(200)
      list.data.forEach((a: unknown) => conforms(zAvailability, a))
      expect(list.data.map((a: any) => retail(a.pricing))).toEqual(store.map((d: any) => minor(d.price)))
      expect(list.data.map((a: any) => a.unitPricing.map((u: any) => [u.unitId, 2 * retail(u)]))).toEqual(store.map((d: any) => [["unit", minor(d.price)]]))
      const at = (date: string) => list.data.find((a: any) => a.localDateTimeStart.startsWith(date))
      expect(retail(at(weekday).pricing)).toBe(8000)
      expect(retail(at(weekend).pricing)).toBe(11000)
      const calendar = await octo("/availability/calendar", body)
      calendar.data.forEach((a: unknown) => conforms(zAvailabilityCalendar, a))
      expect(calendar.data.map((d: any) => retail(d.pricingFrom))).toEqual(store.map((d: any) => minor(d.price)))

      // Departures: each departure's own price (the evening rate), the calendar's date from the lowest.
      const tourStore = (await storeDays(tour, D(10), D(10)))[0]
      const departures = await octo("/availability", { productId: tour.productId, optionId: tour.variantId, localDateStart: D(10), localDateEnd: D(10), units: [{ id: "unit", quantity: 2 }] })
      expect(departures.data.map((a: any) => retail(a.pricing))).toEqual(tourStore.departures.map((d: any) => minor(d.price)))
      expect(departures.data.map((a: any) => retail(a.pricing))).toEqual([8000, 12100])
      const tourCalendar = await octo("/availability/calendar", { productId: tour.productId, optionId: tour.variantId, localDateStart: D(10), localDateEnd: D(10) })
      expect(retail(tourCalendar.data[0].pricingFrom)).toBe(4000)

      // A booking of the weekend date: its pricing and its unit items'; confirmed, its order costs what the storefront's cart does.
      const uuid = randomUUID()
      const reserved = await octo("/bookings", { uuid, productId: priced.productId, optionId: priced.variantId, availabilityId: at(weekend).id, unitItems: units(2) })
      expect(reserved.status).toBe(200)
      conforms(zBooking, reserved.data)
      expect(retail(reserved.data.pricing)).toBe(11000)
      expect(reserved.data.unitItems.map((item: any) => retail(item.pricing))).toEqual([5500, 5500])
      const confirmed = await octo(`/bookings/${uuid}/confirm`, { contact: { emailAddress: "priced@example.com", fullName: "Pri Ced" } })
      expect(confirmed.status).toBe(200)
      conforms(zBooking, confirmed.data)
      expect(retail(confirmed.data.pricing)).toBe(11000)

      const cart = await createCart(api, shop, { email: "cart@example.com" })
      const booked = await attempt(api.post(`/store/carts/${cart.id}/resource-bookings`, { variant_id: priced.variantId, dates: [weekend], quantity: 2 }, storeHeaders(shop)))
      expect(booked.status).toBe(200)
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({ entity: "order", fields: ["id", "metadata", "currency_code", "total", "item_subtotal"] })
      const order = (orders as any[]).find((o) => o.metadata?.octo?.uuid === uuid)
      expect(booked.data.cart.total).toBe(110)
      expect({ currency: order.currency_code, total: Number(order.total), items: Number(order.item_subtotal) }).toEqual({
        currency: booked.data.cart.currency_code,
        total: booked.data.cart.total,
        items: booked.data.cart.item_subtotal,
      })
    })

    it("a sold-out departure is SOLD_OUT and refused; the date's other departure still sells", async () => {
      const [morning, evening] = await availability(tour, D(12))
      expect((await reserve(tour, morning.id, 5)).status).toBe(200)
      const after = await availability(tour, D(12))
      expect(after.map((a) => [a.id, a.status, a.available, a.vacancies])).toEqual([
        [morning.id, "SOLD_OUT", false, 0],
        [evening.id, "AVAILABLE", true, 5],
      ])
      octoError(await reserve(tour, morning.id, 1), 400, "UNPROCESSABLE_ENTITY")
      expect((await reserve(tour, evening.id, 1)).status).toBe(200)
      expect(await seatsLeft(tour, D(12))).toEqual([["07:00", 0], ["16:30", 4]])
      const calendar = await post("/availability/calendar", { productId: tour.productId, optionId: tour.variantId, localDateStart: D(12), localDateEnd: D(12) })
      expect(calendar.data[0]).toMatchObject({ status: "LIMITED", available: true, vacancies: 4, capacity: 10 })
      await assertLedgerInvariants(dbConfig.clientUrl, tour.resource.id)
    })

    it("Berlin's 2027 clock changes: no availability for a start time that does not exist, the first 02:30 in autumn", async () => {
      const spring = await departureVariant(4, ["01:30", "02:30", "07:00"], "2027-03-28", "2027-03-28", 60)
      const autumn = await departureVariant(4, ["02:30"], "2027-10-31", "2027-10-31", 60)
      const springList = await availability(spring, "2027-03-28")
      expect(springList.map((a) => [a.id, a.localDateTimeEnd])).toEqual([
        ["2027-03-28T01:30:00+01:00", "2027-03-28T03:30:00+02:00"],
        ["2027-03-28T07:00:00+02:00", "2027-03-28T08:00:00+02:00"],
      ])
      const autumnList = await availability(autumn, "2027-10-31")
      expect(autumnList.map((a) => [a.id, a.localDateTimeEnd])).toEqual([["2027-10-31T02:30:00+02:00", "2027-10-31T02:30:00+01:00"]])
      // The second 02:30 of that night is no departure.
      octoError(await reserve(autumn, "2027-10-31T02:30:00+01:00", 1), 400, "INVALID_AVAILABILITY_ID", zErrorInvalidAvailabilityId)
      const booked = await reserve(autumn, "2027-10-31T02:30:00+02:00", 2)
      expect(booked.status).toBe(200)
      expect(booked.data).toMatchObject({ availabilityId: "2027-10-31T02:30:00+02:00", availability: { vacancies: 2, status: "LIMITED" } })
      expect(await seatsLeft(autumn, "2027-10-31")).toEqual([["02:30", 2]])
    })

    it("a reseller key keeps at most maxActiveHoldsPerResellerKey live reservations (429); another key still books", async () => {
      const [date] = await availability(day, D(10))
      const made: string[] = []
      for (let i = 0; i < 3; i++) {
        const reserved = await reserve(day, date.id, 1)
        expect(reserved.status).toBe(200)
        made.push(reserved.data.uuid)
      }
      let headers: Record<string, string> = {}
      const refused = await api
        .post("/octo/bookings", { uuid: randomUUID(), productId: day.productId, optionId: day.variantId, availabilityId: date.id, unitItems: units(1) }, auth())
        .catch((error: any) => {
          headers = error.response.headers
          return error.response
        })
      expect(refused.status).toBe(429)
      conforms(zBaseError, refused.data)
      expect(refused.data.error).toBe("UNPROCESSABLE_ENTITY")
      expect(refused.data.errorMessage).toMatch(/maxActiveHoldsPerResellerKey = 3/)
      expect(Number(headers["retry-after"])).toBeGreaterThan(0)
      // Departures count against the same key.
      const [departure] = await availability(tour, D(10))
      expect((await reserve(tour, departure.id, 1)).status).toBe(429)

      // Another reseller's key still books, both kinds.
      const other = await newKey("Another reseller")
      expect((await reserve(day, date.id, 1, other)).status).toBe(200)
      expect((await reserve(tour, departure.id, 1, other)).status).toBe(200)

      // Once one of its reservations is cancelled, the first key books again (and only one more).
      expect((await post(`/bookings/${made[0]}/cancel`, {})).status).toBe(200)
      expect((await reserve(tour, departure.id, 1)).status).toBe(200)
      expect((await reserve(day, date.id, 1)).status).toBe(429)
      // The holds were made in the octo channel, counted by the key.
      const rows = await sql(dbConfig.clientUrl, `SELECT DISTINCT channel, client_keys FROM resource_hold WHERE metadata ? 'octo_booking_uuid'`)
      expect(rows.map((r: any) => r.channel)).toEqual(["octo", "octo"])
      expect(rows.every((r: any) => r.client_keys.length === 1 && r.client_keys[0].startsWith("octo:"))).toBe(true)
    })
  },
})
