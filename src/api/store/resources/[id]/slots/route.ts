import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../../../utils/resource-booking"
import { retrieveStoreResource } from "../../../utils/resources"
import { priceSlots, resourcePricingOf } from "../../../utils/prices"
import { StoreSlotsQueryType } from "../../../validators"

/**
 * GET /store/resources/:id/slots: every free start of an appointment of
 * `duration_minutes` on an APPOINTMENT resource from..to (at most 62 dates),
 * for `quantity` units (contract "Appointments"). A read: no workflow.
 */
export const GET = async (req: MedusaRequest<unknown, StoreSlotsQueryType>, res: MedusaResponse) => {
  const { from, to, duration_minutes, quantity } = req.validatedQuery
  const query = req.validatedQuery
  await retrieveStoreResource(req.scope, req.params.id)
  const slots = await resourceBookingService(req.scope).getSlots({
    items: [{ resource_id: req.params.id, units: 1 }],
    from,
    to,
    duration_minutes,
    quantity,
  })
  res.json({ slots: { resource_id: req.params.id, ...priceSlots(slots, await resourcePricingOf(req.scope, req.params.id, query)) } })
}
