import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { holdEndedData, holdEndedEvent } from "./events"
import { releaseResourceHoldStep } from "./steps/release-resource-hold"

export const releaseResourceHoldWorkflowId = "release-resource-hold-workflow"

/**
 * Releases an ACTIVE hold. Releasing a RELEASED or EXPIRED hold changes
 * nothing; a hold found past its expiry is expired instead; a CONFIRMED hold
 * is a conflict.
 */
export const releaseResourceHoldWorkflow = createWorkflow(
  releaseResourceHoldWorkflowId,
  (input: { hold_id: string }) => {
    const result = releaseResourceHoldStep(input)
    when({ result }, ({ result }) => result.changed).then(() => {
      emitEventStep({
        eventName: transform({ result }, ({ result }) => holdEndedEvent(result)) as unknown as string,
        data: transform({ result }, ({ result }) => holdEndedData(result.hold)),
      })
    })
    return new WorkflowResponse(result)
  }
)

export default releaseResourceHoldWorkflow
