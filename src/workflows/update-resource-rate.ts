import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createPriceListPricesStep, removePriceListPricesWorkflow, updatePriceListsStep } from "@medusajs/medusa/core-flows"
import { RateInput, ratePricesOf, rateTitleOf } from "./utils/resource-rates"

export const updateResourceRateWorkflowId = "update-resource-rate-workflow"

/**
 * Changes a booking rate: its title, and its prices replaced by the prices of
 * the rate as it now is (`rate`: the whole rate after the change), on the
 * rate's own price set, through Medusa's price-list steps. Each step's compensation (Medusa's) puts the
 * title and the old prices back when a later one fails.
 */
export const updateResourceRateWorkflow = createWorkflow(
  updateResourceRateWorkflowId,
  (input: { variant_id: string; rate_id: string; rate: RateInput; old_price_ids: string[]; price_set_id: string }) => {
    updatePriceListsStep(
      transform({ input }, ({ input }) => [{ id: input.rate_id, title: input.rate.title ?? rateTitleOf(input.rate) }]) as any
    )
    // Old prices out first, then the new ones: Medusa's add-prices upserts a price equal to one
    // still in the list (same currency and rules) instead of making it, and the removal would then take it.
    const removed = removePriceListPricesWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({ ids: input.old_price_ids })),
    })
    createPriceListPricesStep(
      transform({ input, removed }, ({ input }) => ({
        data: [{ id: input.rate_id, prices: ratePricesOf(input.variant_id, input.rate) as any }],
        variant_price_map: { [input.variant_id]: input.price_set_id },
      }))
    )
    return new WorkflowResponse(transform({ input }, ({ input }) => ({ id: input.rate_id })))
  }
)

export default updateResourceRateWorkflow
