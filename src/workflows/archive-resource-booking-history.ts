import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { archiveResourceBookingHistoryStep } from "./steps/archive-resource-booking-history"

export const archiveResourceBookingHistoryWorkflowId = "archive-resource-booking-history-workflow"

/** Retention: old finished holds and audit rows move to the archive tables, in batches. */
export const archiveResourceBookingHistoryWorkflow = createWorkflow(
  archiveResourceBookingHistoryWorkflowId,
  (input: { batch_size?: number; max_batches?: number }) => {
    return new WorkflowResponse(archiveResourceBookingHistoryStep(input))
  }
)

export default archiveResourceBookingHistoryWorkflow
