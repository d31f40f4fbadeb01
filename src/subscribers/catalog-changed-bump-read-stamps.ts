import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { PricingEvents } from "@medusajs/framework/utils"
import { PRICES_READ_STAMP, VARIANT_LINKS_READ_STAMP } from "../modules/resource_booking/constants"
import { bumpReadStamp, keptVariantPrices, keptVariantResources, VARIANT_LINK_EVENTS } from "../workflows/utils/kept-reads"

const PRICING_EVENTS: string[] = Object.values(PricingEvents)

/**
 * Kept catalog reads (workflows/utils/kept-reads.ts) end when what they read
 * changes: anything in Medusa's Pricing Module (a price, a price set, a rule,
 * a price list or its rules: the rates routes, Medusa's product editor, a
 * price list, an import or another plugin), or a link between a variant and
 * a resource. Both modules emit an event for every row they write, after
 * their transaction commits. This process drops its kept reads at once; the
 * read stamp is bumped so that every other server process reads again.
 */
export default async function catalogChangedBumpReadStamps({ event, container }: SubscriberArgs<unknown>) {
  const prices = PRICING_EVENTS.includes(event.name)
  ;(prices ? keptVariantPrices : keptVariantResources).clear()
  try {
    await bumpReadStamp(container, prices ? PRICES_READ_STAMP : VARIANT_LINKS_READ_STAMP)
  } catch (error: any) {
    container.resolve("logger").warn(`resource_booking: a read stamp was not bumped after ${event.name} (kept reads end within a minute): ${error?.message ?? error}`)
  }
}

export const config: SubscriberConfig = {
  event: [...PRICING_EVENTS, ...VARIANT_LINK_EVENTS],
  context: { subscriberId: "resource-booking-bump-catalog-read-stamps" },
}
