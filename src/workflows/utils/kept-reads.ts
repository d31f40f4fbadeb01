import { ContainerRegistrationKeys, toPascalCase } from "@medusajs/framework/utils"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import { PRICES_READ_STAMP, VARIANT_LINKS_READ_STAMP } from "../../modules/resource_booking/constants"
import { StampedReadCache } from "../../modules/resource_booking/read-cache"
import type { ReadStamp } from "../../modules/resource_booking/repositories/stamp-repository"
import type ResourceBookingModuleService from "../../modules/resource_booking/service"
import { loadVariantPricing, PricingTarget, VariantPricing } from "./booking-prices"
import { resourcesOfVariants, VariantResource } from "./variant-resources"

type Container = { resolve: (key: string) => any }

/**
 * What the store's calendars read from other modules, kept by this process
 * and used again while its read stamp holds (read-cache.ts): a variant's
 * prices (three calls into Medusa's Pricing Module, ≈ 20 ms of a priced
 * 90-day calendar's 30) and the resources a variant books (a query through
 * the link). Their stamps are bumped after the events those modules emit
 * for every row they write, after their transactions commit
 * (subscribers/catalog-changed-bump-read-stamps.ts): this process drops its
 * kept reads at once, other processes see the bump on their next read, and
 * a kept read lasts at most to the next whole minute whatever happens.
 *
 * Only for what a customer reads before booking: holds, cart lines and
 * completion read links and prices afresh. Rates' start and end instants are
 * matched at each use (matchPrice's `now`), so a kept price read holds across
 * them.
 */
export const keptVariantPrices = new StampedReadCache<VariantPricing | null>(500)
export const keptVariantResources = new StampedReadCache<VariantResource[] | undefined>(2000)

/** The event names of the variant-resource link (Medusa's Link Module: `<entity>.attached` / `.detached`). */
const VARIANT_LINK_ENTITY = toPascalCase(["Link", RESOURCE_BOOKING_MODULE, "resource", "product", "product_variant"].join("_"))
export const VARIANT_LINK_EVENTS = [`${VARIANT_LINK_ENTITY}.attached`, `${VARIANT_LINK_ENTITY}.detached`]

const CATALOG = [PRICES_READ_STAMP, VARIANT_LINKS_READ_STAMP]

/**
 * The read stamp of one store request, read once, on first use: the catalog's
 * (prices, links) and the resources that the variant's kept links name, so
 * that the module's kept answers of those resources check it too (their
 * `stamp` input) and the whole request makes one round trip when nothing
 * changed. A request whose links changed reads its new resources' stamp in
 * the module, later, still before it computes them.
 */
export function requestStampOf(container: Container, variantId?: string): () => Promise<ReadStamp> {
  let stamp: Promise<ReadStamp> | null = null
  return () => {
    const kept = variantId ? keptVariantResources.peek(variantId) : undefined
    return (stamp ??= (container.resolve(RESOURCE_BOOKING_MODULE) as ResourceBookingModuleService).readStamp([
      ...CATALOG,
      ...(kept ?? []).map((item) => item.resource_id),
    ]))
  }
}

/** `loadVariantPricing`, kept (see above). */
export async function keptVariantPricing(
  container: Container,
  variantId: string,
  target: PricingTarget,
  stampOf = requestStampOf(container)
): Promise<VariantPricing | null> {
  const key = JSON.stringify([variantId, target.currency_code, target.region_id ?? null])
  return await keptVariantPrices.read(stampOf, CATALOG, key, () => loadVariantPricing(container, variantId, target))
}

/** The resources one variant books (`resourcesOfVariants`), kept (see above); undefined when it books none. */
export async function keptResourcesOfVariant(
  container: Container,
  variantId: string,
  stampOf = requestStampOf(container, variantId)
): Promise<VariantResource[] | undefined> {
  return await keptVariantResources.read(stampOf, CATALOG, variantId, async () =>
    (await resourcesOfVariants(container.resolve(ContainerRegistrationKeys.QUERY), [variantId])).get(variantId)
  )
}

const bumps = new Map<string, { inFlight: Promise<void>; again: boolean }>()

/**
 * Bumps a read stamp after a change this process heard of. Bumps of one
 * stamp coalesce: while one is in flight, any number of further events make
 * one more after it (started after the last of them came), so an import
 * writing thousands of prices updates the stamp row twice, not thousands of
 * times. The bump is a cache version, not booking state: no workflow.
 */
export async function bumpReadStamp(container: Container, id: string): Promise<void> {
  const running = bumps.get(id)
  if (running) {
    running.again = true
    return await running.inFlight
  }
  const entry = { inFlight: Promise.resolve(), again: false }
  entry.inFlight = (async () => {
    try {
      do {
        entry.again = false
        await (container.resolve(RESOURCE_BOOKING_MODULE) as ResourceBookingModuleService).bumpReadStamps([id])
      } while (entry.again)
    } finally {
      bumps.delete(id)
    }
  })()
  bumps.set(id, entry)
  return await entry.inFlight
}
