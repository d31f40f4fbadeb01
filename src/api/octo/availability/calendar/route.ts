import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AvailabilityCalendar } from "@octocloud/types"
import { checkRange, resolveOption } from "../../../../lib/octo/availability-request"
import { kindOf } from "../../../../lib/octo/availability"
import { octoAuthOf } from "../../lib/auth"
import { octoRoute } from "../../lib/errors"

/** POST /octo/availability/calendar: one entry per date from localDateStart to localDateEnd (for departures, per date with departures). */
export const POST = octoRoute(async (req: MedusaRequest<any>, res: MedusaResponse) => {
  const body = req.body as any
  const { option, quantity } = await resolveOption(req.scope, octoAuthOf(req).sales_channel_id, body)
  const { from, to } = checkRange(req.scope, body.localDateStart, body.localDateEnd)
  const kind = kindOf(option)
  const slots = await kind.slots(req.scope, option, from, to, quantity)
  res.json(kind.calendarDays(slots, from, to) as AvailabilityCalendar[])
})
