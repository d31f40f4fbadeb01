import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AvailabilityCalendar } from "@octocloud/types"
import { octoAuthOf } from "../../lib/auth"
import { checkRange, resolveOption } from "../../lib/availability-request"
import { octoCalendarDay, optionDays } from "../../lib/catalog"
import { octoRoute } from "../../lib/errors"

/** POST /octo/availability/calendar: one entry per date from localDateStart to localDateEnd. */
export const POST = octoRoute(async (req: MedusaRequest<any>, res: MedusaResponse) => {
  const body = req.body as any
  const { option, quantity } = await resolveOption(req.scope, octoAuthOf(req).sales_channel_id, body)
  const { from, to } = checkRange(req.scope, body.localDateStart, body.localDateEnd)
  const days = await optionDays(req.scope, option, from, to, quantity)
  res.json(days.map((day) => octoCalendarDay(day) as AvailabilityCalendar))
})
