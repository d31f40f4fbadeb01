import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Availability } from "@octocloud/types"
import { checkRange, resolveOption } from "../../../lib/octo/availability-request"
import { kindOf } from "../../../lib/octo/availability"
import { timezoneOf } from "../../../lib/octo/context"
import { badRequest, invalidAvailability } from "../../../lib/octo/errors"
import { availabilityPricingFields, loadOptionPricing, wantsPricing } from "../../../lib/octo/pricing"
import { UNIT_ID } from "../../../lib/octo/catalog"
import { octoAuthOf } from "../lib/auth"
import { octoRoute } from "../lib/errors"

/**
 * POST /octo/availability: the option's availabilities (for a day product,
 * one per date, all day), for localDateStart..localDateEnd or for the
 * availabilityIds given (one or the other).
 */
export const POST = octoRoute(async (req: MedusaRequest<any>, res: MedusaResponse) => {
  const body = req.body as any
  const { option, quantity } = await resolveOption(req.scope, octoAuthOf(req).sales_channel_id, body)
  const kind = kindOf(option)
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
      const slot = kind.slotOfId(id, timeZone)
      if (!slot) throw invalidAvailability(id)
      return slot.date
    })
    only = new Set(body.availabilityIds)
    const sorted = [...dates].sort()
    ;({ from, to } = checkRange(req.scope, sorted[0], sorted.at(-1)))
  } else {
    ;({ from, to } = checkRange(req.scope, body.localDateStart, body.localDateEnd))
  }
  const slots = await kind.slots(req.scope, option, from, to, quantity)
  // octo/pricing: the storefront's price of each date / departure (one pricing read).
  const pricing = wantsPricing(req.headers) ? await loadOptionPricing(req.scope, [option.id]) : null
  const availabilities: Availability[] = slots
    .filter((slot) => !only || only.has(kind.idOf(slot, timeZone)))
    .map((slot) => ({
      ...kind.availability(slot, timeZone),
      ...(pricing
        ? availabilityPricingFields(pricing, option.id, { date: slot.date, start_time: slot.start_time ?? null }, quantity, UNIT_ID)
        : {}),
    }) as Availability)
  res.json(availabilities)
})
