import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AvailabilityCalendar } from "@octocloud/types"
import { checkRange, resolveOption } from "../../../../lib/octo/availability-request"
import { kindOf } from "../../../../lib/octo/availability"
import { UNIT_ID } from "../../../../lib/octo/catalog"
import { calendarPricingFields, loadOptionPricing, wantsPricing } from "../../../../lib/octo/pricing"
import { octoAuthOf } from "../../lib/auth"
import { octoRoute } from "../../lib/errors"

/** POST /octo/availability/calendar: one entry per date from localDateStart to localDateEnd (for departures, per date with departures). */
export const POST = octoRoute(async (req: MedusaRequest<any>, res: MedusaResponse) => {
  const body = req.body as any
  const { option, quantity } = await resolveOption(req.scope, octoAuthOf(req).sales_channel_id, body)
  const { from, to } = checkRange(req.scope, body.localDateStart, body.localDateEnd)
  const kind = kindOf(option)
  const slots = await kind.slots(req.scope, option, from, to, quantity)
  const days = kind.calendarDays(slots, from, to)
  if (!wantsPricing(req.headers)) return res.json(days as AvailabilityCalendar[])
  // octo/pricing: a date's price, or for departures the lowest of its departures' (the storefront's "from" price).
  const pricing = await loadOptionPricing(req.scope, [option.id])
  const priced = days.map((day) => {
    const departures = slots.filter((slot) => slot.date === day.localDate && slot.start_time)
    const keys = option.booking_mode === "DEPARTURE" ? departures.map((slot) => ({ date: slot.date, start_time: slot.start_time })) : [{ date: day.localDate }]
    return { ...day, ...calendarPricingFields(pricing, option.id, keys, quantity, UNIT_ID) }
  })
  res.json(priced as AvailabilityCalendar[])
})
