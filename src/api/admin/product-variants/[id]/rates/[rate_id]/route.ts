import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { deleteResourceRateWorkflow } from "../../../../../../workflows/delete-resource-rate"
import { updateResourceRateWorkflow } from "../../../../../../workflows/update-resource-rate"
import { publicRate, RateInput, retrieveVariantRate } from "../../../../../../workflows/utils/resource-rates"
import { AdminUpdateRateType } from "../../../../validators"

/** GET /admin/product-variants/:id/rates/:rate_id */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  res.json({ rate: publicRate(await retrieveVariantRate(req.scope, req.params.id, req.params.rate_id)) })
}

/**
 * POST /admin/product-variants/:id/rates/:rate_id: the fields given replace
 * the rate's (null clears a condition); the rate must keep one condition.
 */
export const POST = async (req: MedusaRequest<AdminUpdateRateType>, res: MedusaResponse) => {
  const current = await retrieveVariantRate(req.scope, req.params.id, req.params.rate_id)
  const body = req.validatedBody
  const pick = <K extends keyof RateInput>(key: K): RateInput[K] => (body[key] !== undefined ? (body[key] as RateInput[K]) : (current[key] as any))
  const rate: RateInput = {
    title: body.title ?? current.title,
    prices: pick("prices")!,
    season: pick("season"),
    weekdays: pick("weekdays"),
    start_time: pick("start_time"),
    duration_minutes: pick("duration_minutes"),
  }
  if (!rate.season && !rate.weekdays?.length && !rate.start_time && !rate.duration_minutes) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "season: a rate needs at least one of season, weekdays, start_time, duration_minutes (the variant's own price is the base price)"
    )
  }
  await updateResourceRateWorkflow(req.scope).run({
    input: { variant_id: req.params.id, rate_id: current.id, rate, old_price_ids: current.price_ids, price_set_id: current.price_set_id },
  })
  res.json({ rate: publicRate(await retrieveVariantRate(req.scope, req.params.id, current.id)) })
}

/** DELETE /admin/product-variants/:id/rates/:rate_id */
export const DELETE = async (req: MedusaRequest, res: MedusaResponse) => {
  const current = await retrieveVariantRate(req.scope, req.params.id, req.params.rate_id)
  await deleteResourceRateWorkflow(req.scope).run({ input: { rate_id: current.id } })
  res.json({ id: current.id, object: "resource_rate", deleted: true })
}
