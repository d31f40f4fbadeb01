import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createPriceListsStep, createPriceSetsStep } from "@medusajs/medusa/core-flows"
import { RateInput, rateListOf } from "./utils/resource-rates"

export const createResourceRateWorkflowId = "create-resource-rate-workflow"

/**
 * A booking rate of a variant (docs/PRICING.md): a price list of Medusa's
 * Pricing Module whose prices sit on a price set of the rate's own (never the
 * variant's: Medusa's product editor rewrites that one and drops every other
 * price of it). Medusa's steps, with their compensation: the price set and the
 * list are deleted again if a later step fails.
 */
export const createResourceRateWorkflow = createWorkflow(
  createResourceRateWorkflowId,
  (input: { variant_id: string; rate: RateInput }) => {
    const priceSets = createPriceSetsStep(transform({ input }, () => [{}]) as any)
    const created = createPriceListsStep(
      transform({ input, priceSets }, ({ input, priceSets }) => ({
        data: [rateListOf(input.variant_id, input.rate)] as any,
        variant_price_map: { [input.variant_id]: (priceSets as any)[0].id },
      }))
    )
    return new WorkflowResponse(transform({ created }, ({ created }) => ({ id: (created as any)[0].id as string })))
  }
)

export default createResourceRateWorkflow
