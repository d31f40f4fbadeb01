import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createResourceRateWorkflow } from "../../../../../workflows/create-resource-rate"
import { listVariantRates, publicRate, retrieveVariantRate } from "../../../../../workflows/utils/resource-rates"
import { AdminCreateRateType } from "../../../validators"

/** GET /admin/product-variants/:id/rates: the variant's booking rates and its base prices (docs/PRICING.md). */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const { rates, base_prices } = await listVariantRates(req.scope, req.params.id)
  res.json({ rates: rates.map(publicRate), base_prices })
}

/** POST /admin/product-variants/:id/rates: a new rate (a Medusa price list on the variant's price set). */
export const POST = async (req: MedusaRequest<AdminCreateRateType>, res: MedusaResponse) => {
  await listVariantRates(req.scope, req.params.id) // 404 for an unknown variant
  const { result } = await createResourceRateWorkflow(req.scope).run({
    input: { variant_id: req.params.id, rate: req.validatedBody },
  })
  res.status(201).json({ rate: publicRate(await retrieveVariantRate(req.scope, req.params.id, result.id)) })
}
