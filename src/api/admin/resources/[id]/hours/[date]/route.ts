import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { setResourceHoursWorkflow } from "../../../../../../workflows/set-resource-hours"
import { resourceBookingService } from "../../../../../utils/resource-booking"
import { AdminSetHoursType } from "../../../../validators"

/** The date's hours after a change, as GET …/hours answers them. */
async function dayOf(req: MedusaRequest<any>) {
  const [day] = await resourceBookingService(req.scope).listHours({ resource_id: req.params.id, from: req.params.date, to: req.params.date })
  return day
}

/** PUT /admin/resources/:id/hours/:date: other hours on that date (`[]` closes it). */
export const PUT = async (req: MedusaRequest<AdminSetHoursType>, res: MedusaResponse) => {
  await setResourceHoursWorkflow(req.scope).run({
    input: { resource_id: req.params.id, date: req.params.date, hours: req.validatedBody.hours as [string, string][] },
  })
  res.json({ hours: await dayOf(req) })
}

/** DELETE /admin/resources/:id/hours/:date: the date has its weekday's hours again. */
export const DELETE = async (req: MedusaRequest, res: MedusaResponse) => {
  await setResourceHoursWorkflow(req.scope).run({ input: { resource_id: req.params.id, date: req.params.date, hours: null } })
  res.json({ hours: await dayOf(req) })
}
