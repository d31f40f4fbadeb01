import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { keptResourcesOfVariant, requestStampOf } from "../../../../../workflows/utils/kept-reads"
import { resourceBookingService } from "../../../../utils/resource-booking"
import { sendKeptJson } from "../../../utils/kept-json"
import { priceAvailability, pricingTagOf, variantPricingOf } from "../../../utils/prices"
import { StoreAvailabilityQueryType } from "../../../validators"

/**
 * GET /store/product-variants/:id/resource-availability: per date, how many
 * units of the variant can be booked (the least over its resources of
 * floor(available / units)) and why a date cannot, with each date's (and
 * departure's) `price` for the quantity (docs/PRICING.md). A read: no workflow.
 */
export const GET = async (req: MedusaRequest<unknown, StoreAvailabilityQueryType>, res: MedusaResponse) => {
  const { from, to, quantity } = req.validatedQuery
  const variantId = req.params.id
  // The variant's links, prices and answers, kept while the request's one stamp read holds (kept-reads.ts).
  const stampOf = requestStampOf(req.scope, variantId)
  const items = await keptResourcesOfVariant(req.scope, variantId, stampOf)
  if (!items?.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product variant with id: ${variantId} books no resource`)
  }
  const [availability, pricing] = await Promise.all([
    resourceBookingService(req.scope).getGroupAvailability({ items, from, to, quantity, stamp: await stampOf() }),
    variantPricingOf(req.scope, variantId, req.validatedQuery, stampOf),
  ])
  sendKeptJson(res, availability, `variant ${variantId} ${pricingTagOf(pricing)}`, () => ({
    availability: { variant_id: variantId, ...priceAvailability(availability, pricing) },
  }))
}
