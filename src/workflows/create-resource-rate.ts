import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createPriceListsWorkflow } from "@medusajs/medusa/core-flows"
import { RateInput, rateListOf } from "./utils/resource-rates"

export const createResourceRateWorkflowId = "create-resource-rate-workflow"

/**
 * A booking rate of a variant (docs/PRICING.md): a price list of Medusa's
 * Pricing Module, made by Medusa's own price-list workflow (its steps check
 * the variant's price set and delete the list again if a later step fails).
 */
export const createResourceRateWorkflow = createWorkflow(
  createResourceRateWorkflowId,
  (input: { variant_id: string; rate: RateInput }) => {
    const created = createPriceListsWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({ price_lists_data: [rateListOf(input.variant_id, input.rate)] as any })),
    })
    return new WorkflowResponse(transform({ created }, ({ created }) => ({ id: (created as any)[0].id as string })))
  }
)

export default createResourceRateWorkflow
