import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { batchPriceListPricesWorkflow, updatePriceListsStep } from "@medusajs/medusa/core-flows"
import { RateInput, ratePricesOf, rateTitleOf } from "./utils/resource-rates"

export const updateResourceRateWorkflowId = "update-resource-rate-workflow"

/**
 * Changes a booking rate: its title, and its prices replaced by the prices of
 * the rate as it now is (`rate`: the whole rate after the change), in one
 * batch of Medusa's price-list workflow. Each step's compensation (Medusa's)
 * puts the title and the old prices back when a later one fails.
 */
export const updateResourceRateWorkflow = createWorkflow(
  updateResourceRateWorkflowId,
  (input: { variant_id: string; rate_id: string; rate: RateInput; old_price_ids: string[] }) => {
    updatePriceListsStep(
      transform({ input }, ({ input }) => [{ id: input.rate_id, title: input.rate.title ?? rateTitleOf(input.rate) }]) as any
    )
    batchPriceListPricesWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        data: { id: input.rate_id, create: ratePricesOf(input.variant_id, input.rate) as any, update: [], delete: input.old_price_ids },
      })),
    })
    return new WorkflowResponse(transform({ input }, ({ input }) => ({ id: input.rate_id })))
  }
)

export default updateResourceRateWorkflow
