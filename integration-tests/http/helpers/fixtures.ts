/**
 * Shared fixtures of the HTTP integration tests (store and admin). Everything
 * is made through Medusa's own workflows and the module, never raw SQL, so
 * the tests exercise what a real shop has.
 *
 * Typical use, in the suite's `beforeAll` (medusaIntegrationTestRunner
 * snapshots the database after it and restores that snapshot before every
 * test, so fixtures made there exist in every test):
 *
 *   const shop = await createShop(getContainer())
 *   const booking = await createBookableVariant(getContainer(), shop, { capacity: 10, from: day(10), to: day(20) })
 *   await api.get(`/store/resources/${booking.resource.id}`, storeHeaders(shop))
 */
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from "@medusajs/medusa/core-flows"
import { RESOURCE_BOOKING_MODULE } from "../../../src/modules/resource_booking"
import ResourceBookingModuleService from "../../../src/modules/resource_booking/service"
import { addDays, todayIn } from "../../../src/modules/resource_booking/utils/dates"
import { setResourceCapacityWorkflow } from "../../../src/workflows/set-resource-capacity"

export type Shop = {
  publishableKey: string
  salesChannelId: string
  regionId: string
  currencyCode: string
}

export type BookableVariant = {
  resource: { id: string; name: string; type: string }
  productId: string
  variantId: string
  /** The variant's price per unit per day, in the shop's currency. */
  unitPrice: number
}

let counter = 0
export function uniqueName(prefix: string): string {
  counter += 1
  return `${prefix} ${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 7)}`
}

export function bookingService(container: MedusaContainer): ResourceBookingModuleService {
  return container.resolve(RESOURCE_BOOKING_MODULE)
}

/** A date `offset` days after today in the module's time zone. */
export function day(container: MedusaContainer, offset: number): string {
  return addDays(bookingService(container).today(), offset)
}

/** The same, for code without a container: Australia/Brisbane unless the module was configured otherwise. */
export function dayIn(timezone: string, offset: number): string {
  return addDays(todayIn(timezone), offset)
}

/** Axios options carrying the shop's publishable key (every /store route needs it). */
export function storeHeaders(shop: Pick<Shop, "publishableKey">, extra: Record<string, string> = {}) {
  return { headers: { "x-publishable-api-key": shop.publishableKey, ...extra } }
}

/**
 * A sales channel, a publishable key linked to it, and a region whose payment
 * provider is `pp_system_default` (Medusa's manual provider): enough for a
 * store client to make and complete carts.
 */
export async function createShop(
  container: MedusaContainer,
  { currencyCode = "aud", countries = ["au"] }: { currencyCode?: string; countries?: string[] } = {}
): Promise<Shop> {
  const {
    result: [salesChannel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: uniqueName("Booking channel") }] },
  })
  const {
    result: [apiKey],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ type: "publishable", title: uniqueName("Storefront"), created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: apiKey.id, add: [salesChannel.id] },
  })
  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: uniqueName("Region"),
          currency_code: currencyCode,
          countries,
          payment_providers: ["pp_system_default"],
        },
      ],
    },
  })
  return { publishableKey: apiKey.token, salesChannelId: salesChannel.id, regionId: region.id, currencyCode }
}

/** A resource made through the module (the admin API is another engineer's; this keeps store tests independent of it). */
export async function createResource(
  container: MedusaContainer,
  data: { name?: string; type?: "VEHICLE" | "TOUR" | "GUIDE"; description?: string; is_active?: boolean } = {}
) {
  return (await bookingService(container).createResources({
    type: data.type ?? "VEHICLE",
    name: data.name ?? uniqueName("Vehicle"),
    description: data.description ?? null,
    is_active: data.is_active ?? true,
  } as any)) as any
}

/** Sets max_capacity on every date from..to (through the workflow, as the admin route does). */
export async function setCapacity(
  container: MedusaContainer,
  resourceId: string,
  from: string,
  to: string,
  maxCapacity: number
) {
  await setResourceCapacityWorkflow(container).run({
    input: { resource_id: resourceId, from, to, max_capacity: maxCapacity },
  })
}

/**
 * A product with one variant (price `unitPrice` per unit per day, no
 * inventory management, no shipping profile, so it needs no shipping) in the
 * shop's sales channel, linked to a new resource with `capacity` on from..to.
 */
export async function createBookableVariant(
  container: MedusaContainer,
  shop: Shop,
  {
    capacity,
    from,
    to,
    unitPrice = 150,
    resource,
    type = "VEHICLE",
    currencyCode,
    links,
  }: {
    capacity?: number
    from?: string
    to?: string
    unitPrice?: number
    resource?: { id: string; name: string; type: string }
    type?: "VEHICLE" | "TOUR" | "GUIDE"
    currencyCode?: string
    /** Several resources (with units) instead of one: a variant that books a vehicle and a guide. */
    links?: { resource: { id: string; name: string; type: string }; units: number }[]
  } = {}
): Promise<BookableVariant> {
  const res = links?.[0].resource ?? resource ?? (await createResource(container, { type }))
  const title = uniqueName("Booking product")
  const {
    result: [product],
  } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title,
          status: "published",
          options: [{ title: "Booking", values: ["Per day"] }],
          variants: [
            {
              title: "Per day",
              options: { Booking: "Per day" },
              manage_inventory: false,
              prices: [{ amount: unitPrice, currency_code: currencyCode ?? shop.currencyCode }],
            },
          ],
          sales_channels: [{ id: shop.salesChannelId }],
        },
      ],
    },
  })
  const variantId = (product as any).variants[0].id
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  for (const { resource: linked, units } of links ?? [{ resource: res, units: 1 }]) {
    await link.create({
      [RESOURCE_BOOKING_MODULE]: { resource_id: linked.id },
      [Modules.PRODUCT]: { product_variant_id: variantId },
      data: { units },
    })
  }
  if (capacity !== undefined && from && to) {
    await setCapacity(container, res.id, from, to, capacity)
  }
  return { resource: res, productId: product.id, variantId, unitPrice }
}

/**
 * A variant linked to a new DEPARTURE resource (a TOUR): `capacity` seats on
 * each of `start_times` (local, lasting `duration_minutes`) on every date
 * from..to (each range in `ranges` likewise). For the notification and feed tests.
 */
export async function createDepartureVariant(
  container: MedusaContainer,
  shop: Shop,
  {
    capacity,
    ranges,
    start_times,
    duration_minutes = 60,
    unitPrice = 80,
  }: { capacity: number; ranges: { from: string; to: string }[]; start_times: string[]; duration_minutes?: number; unitPrice?: number }
): Promise<BookableVariant> {
  const resource = await bookingService(container).createResources({
    type: "TOUR",
    name: uniqueName("Sunset tour"),
    booking_mode: "DEPARTURE",
    is_active: true,
  } as any)
  const variant = await createBookableVariant(container, shop, { resource: resource as any, unitPrice })
  for (const { from, to } of ranges) {
    await setResourceCapacityWorkflow(container).run({
      input: { resource_id: variant.resource.id, from, to, start_times, duration_minutes, max_capacity: capacity },
    })
  }
  return variant
}

/** A cart of the shop's region and sales channel, made through the store API. */
export async function createCart(api: any, shop: Shop, body: Record<string, unknown> = {}) {
  const { status, data } = await attempt(
    api.post("/store/carts", { region_id: shop.regionId, sales_channel_id: shop.salesChannelId, ...body }, storeHeaders(shop))
  )
  if (status !== 200) throw new Error(`POST /store/carts answered ${status}: ${JSON.stringify(data)}`)
  return data.cart
}

/** A payment collection and a `pp_system_default` session on the cart, so it can complete. */
export async function addManualPaymentSession(api: any, shop: Shop, cartId: string) {
  const {
    data: { payment_collection },
  } = await api.post("/store/payment-collections", { cart_id: cartId }, storeHeaders(shop))
  await api.post(
    `/store/payment-collections/${payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" },
    storeHeaders(shop)
  )
  return payment_collection
}

/** Resolves when `check` returns a truthy value, polling; throws after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 15_000, everyMs = 200): Promise<T> {
  const started = Date.now()
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value) return value
    } catch (error) {
      last = error
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`waitFor timed out after ${timeoutMs} ms${last ? `: ${String((last as any)?.message ?? last)}` : ""}`)
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}

/** Runs an HTTP call and returns the response whatever its status (axios throws on 4xx/5xx). */
export async function attempt(call: Promise<any>): Promise<{ status: number; data: any }> {
  try {
    const response = await call
    return { status: response.status, data: response.data }
  } catch (error: any) {
    if (error?.response) return { status: error.response.status, data: error.response.data }
    throw error
  }
}
