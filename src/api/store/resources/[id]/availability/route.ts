import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../../../utils/resource-booking"
import { sendKeptJson } from "../../../utils/kept-json"
import { priceAvailability, pricingTagOf, resourcePricingOf } from "../../../utils/prices"
import { StoreAvailabilityQueryType } from "../../../validators"

/**
 * GET /store/resources/:id/availability?from&to&quantity: one entry per date
 * from `from` to `to`. Capacity of holds past their expiry counts as free.
 * With `variant_id` (or `region_id` / `currency_code` and one linked variant)
 * each date and departure carries that variant's `price` (docs/PRICING.md).
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const query = req.validatedQuery as StoreAvailabilityQueryType
  const availability = await resourceBookingService(req.scope).getAvailability({
    resource_id: req.params.id,
    from: query.from,
    to: query.to,
    quantity: query.quantity ?? 1,
    require_active: true,
  })
  const pricing = await resourcePricingOf(req.scope, req.params.id, query)
  sendKeptJson(res, availability, pricingTagOf(pricing), () => ({ availability: priceAvailability(availability, pricing) }))
}
