import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deletePriceListsWorkflow } from "@medusajs/medusa/core-flows"

export const deleteResourceRateWorkflowId = "delete-resource-rate-workflow"

/**
 * Deletes a booking rate: Medusa's price-list workflow soft-deletes its price
 * list and prices (restored if a later step fails). The variant's base price
 * is untouched.
 */
export const deleteResourceRateWorkflow = createWorkflow(deleteResourceRateWorkflowId, (input: { rate_id: string }) => {
  deletePriceListsWorkflow.runAsStep({ input: transform({ input }, ({ input }) => ({ ids: [input.rate_id] })) })
  return new WorkflowResponse(transform({ input }, ({ input }) => ({ id: input.rate_id })))
})

export default deleteResourceRateWorkflow
