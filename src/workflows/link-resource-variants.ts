import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { ResourceVariantLinkInput } from "./steps/validate-resource-variant-links"
import { checkedResourceVariantLinks } from "./utils/resource-variant-links"

export const linkResourceVariantsWorkflowId = "link-resource-variants-workflow"

/** Links product variants to a resource (a variant sells at most one resource). */
export const linkResourceVariantsWorkflow = createWorkflow(
  linkResourceVariantsWorkflowId,
  (input: ResourceVariantLinkInput) => {
    const { variantIds, links } = checkedResourceVariantLinks(input, "link")
    createRemoteLinkStep(links)
    return new WorkflowResponse(variantIds)
  }
)

export default linkResourceVariantsWorkflow
