import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { keptResourcesOfVariant, requestStampOf } from "../../../../../workflows/utils/kept-reads"
import { resourceBookingService } from "../../../../utils/resource-booking"
import { priceSlots, pricingTagOf, variantPricingOf } from "../../../utils/prices"
import { sendKeptJson } from "../../../utils/kept-json"
import { StoreSlotsQueryType } from "../../../validators"

/**
 * GET /store/product-variants/:id/slots: the starts where every resource the
 * variant books has `units × quantity` free (a room and a guide together),
 * each with its `price` (docs/PRICING.md).
 */
export const GET = async (req: MedusaRequest<unknown, StoreSlotsQueryType>, res: MedusaResponse) => {
  const { from, to, duration_minutes, quantity } = req.validatedQuery
  const variantId = req.params.id
  // The variant's links, prices and answers, kept while the request's one stamp read holds (kept-reads.ts).
  const stampOf = requestStampOf(req.scope, variantId)
  const items = await keptResourcesOfVariant(req.scope, variantId, stampOf)
  if (!items?.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product variant with id: ${variantId} books no resource`)
  }
  const [slots, pricing] = await Promise.all([
    resourceBookingService(req.scope).getSlots({ items, from, to, duration_minutes, quantity, stamp: await stampOf() }),
    variantPricingOf(req.scope, variantId, req.validatedQuery, stampOf),
  ])
  sendKeptJson(res, slots, `variant ${variantId} ${pricingTagOf(pricing)}`, () => ({ slots: { variant_id: variantId, ...priceSlots(slots, pricing) } }))
}
