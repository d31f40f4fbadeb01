import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { dismissRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { ResourceVariantLinkInput } from "./steps/validate-resource-variant-links"
import { checkedResourceVariantLinks } from "./utils/resource-variant-links"

export const unlinkResourceVariantsWorkflowId = "unlink-resource-variants-workflow"

/** Removes links between product variants and a resource. */
export const unlinkResourceVariantsWorkflow = createWorkflow(
  unlinkResourceVariantsWorkflowId,
  (input: ResourceVariantLinkInput) => {
    const { variantIds, links } = checkedResourceVariantLinks(input, "unlink")
    dismissRemoteLinkStep(links)
    return new WorkflowResponse(variantIds)
  }
)

export default unlinkResourceVariantsWorkflow
