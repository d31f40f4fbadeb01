import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resourceBookingService } from "../../../../utils/resource-booking"
import { priceSlots, pricingTagOf, resourcePricingOf } from "../../../utils/prices"
import { sendKeptJson } from "../../../utils/kept-json"
import { StoreSlotsQueryType } from "../../../validators"

/**
 * GET /store/resources/:id/slots: every free start of an appointment of
 * `duration_minutes` on an APPOINTMENT resource from..to (at most 62 dates),
 * for `quantity` units (contract "Appointments"). A read: no workflow. The
 * search answers 404 for a resource that does not exist or is not active,
 * and 400 for one not booked by appointment (appointments.ts settingsOf).
 */
export const GET = async (req: MedusaRequest<unknown, StoreSlotsQueryType>, res: MedusaResponse) => {
  const { from, to, duration_minutes, quantity } = req.validatedQuery
  const query = req.validatedQuery
  const slots = await resourceBookingService(req.scope).getSlots({
    items: [{ resource_id: req.params.id, units: 1 }],
    from,
    to,
    duration_minutes,
    quantity,
  })
  const pricing = await resourcePricingOf(req.scope, req.params.id, query)
  sendKeptJson(res, slots, `resource ${req.params.id} ${pricingTagOf(pricing)}`, () => ({ slots: { resource_id: req.params.id, ...priceSlots(slots, pricing) } }))
}
