import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Availability } from "@octocloud/types"
import { octoAuthOf } from "../lib/auth"
import { checkRange, resolveOption } from "../lib/availability-request"
import { octoAvailability, optionDays, timezoneOf } from "../lib/catalog"
import { dateOfAvailabilityId } from "../lib/dates"
import { badRequest, invalidAvailability, octoRoute } from "../lib/errors"

/**
 * POST /octo/availability: one availability per date (OPENING_HOURS, all
 * day), for localDateStart..localDateEnd or for the availabilityIds given
 * (one or the other).
 */
export const POST = octoRoute(async (req: MedusaRequest<any>, res: MedusaResponse) => {
  const body = req.body as any
  const { option, quantity } = await resolveOption(req.scope, octoAuthOf(req).sales_channel_id, body)
  const timeZone = timezoneOf(req.scope)
  const hasDates = body.localDateStart !== undefined || body.localDateEnd !== undefined
  const hasIds = body.availabilityIds !== undefined && body.availabilityIds !== null
  if (hasDates === hasIds) throw badRequest("Give either localDateStart and localDateEnd, or availabilityIds")
  let from: string
  let to: string
  let only: Set<string> | null = null
  if (hasIds) {
    if (!Array.isArray(body.availabilityIds) || !body.availabilityIds.length || body.availabilityIds.length > 366) {
      throw badRequest("availabilityIds must be a non-empty array")
    }
    const dates = body.availabilityIds.map((id: unknown) => {
      const date = dateOfAvailabilityId(id, timeZone)
      if (!date) throw invalidAvailability(id)
      return date
    })
    only = new Set(dates)
    ;({ from, to } = checkRange(req.scope, [...dates].sort()[0], [...dates].sort().at(-1)))
  } else {
    ;({ from, to } = checkRange(req.scope, body.localDateStart, body.localDateEnd))
  }
  const days = await optionDays(req.scope, option, from, to, quantity)
  const availabilities: Availability[] = days
    .filter((day) => !only || only.has(day.date))
    .map((day) => octoAvailability(day, timeZone) as Availability)
  res.json(availabilities)
})
