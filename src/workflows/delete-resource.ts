import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { removeRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { RESOURCE_BOOKING_MODULE } from "../modules/resource_booking"
import { deleteResourceStep } from "./steps/delete-resource"

export const deleteResourceWorkflowId = "delete-resource-workflow"

/**
 * Soft-deletes a resource (refused while it has active holds or allocations
 * from today on) and soft-deletes its links to product variants.
 */
export const deleteResourceWorkflow = createWorkflow(deleteResourceWorkflowId, (input: { id: string }) => {
  const deleted = deleteResourceStep(input)
  removeRemoteLinkStep(
    transform({ input }, ({ input }) => ({ [RESOURCE_BOOKING_MODULE]: { resource_id: [input.id] } })) as any
  )
  return new WorkflowResponse(deleted)
})

export default deleteResourceWorkflow
