import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { dismissRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { ResourceVariantLinkInput, validateResourceVariantLinksStep } from "./steps/validate-resource-variant-links"
import { resourceVariantLinks } from "./utils/resource-variant-links"

export const unlinkResourceVariantsWorkflowId = "unlink-resource-variants-workflow"

/** Removes links between product variants and a resource. */
export const unlinkResourceVariantsWorkflow = createWorkflow(
  unlinkResourceVariantsWorkflowId,
  (input: ResourceVariantLinkInput) => {
    const toUnlink = validateResourceVariantLinksStep(
      transform({ input }, ({ input }) => ({ ...input, action: "unlink" as const }))
    )
    const links = transform({ input, toUnlink }, ({ input, toUnlink }) => resourceVariantLinks(input.resource_id, toUnlink))
    dismissRemoteLinkStep(links)
    return new WorkflowResponse(toUnlink)
  }
)

export default unlinkResourceVariantsWorkflow
