import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { ResourceVariantLinkInput, validateResourceVariantLinksStep } from "./steps/validate-resource-variant-links"
import { resourceVariantLinks } from "./utils/resource-variant-links"

export const linkResourceVariantsWorkflowId = "link-resource-variants-workflow"

/** Links product variants to a resource (a variant sells at most one resource). */
export const linkResourceVariantsWorkflow = createWorkflow(
  linkResourceVariantsWorkflowId,
  (input: ResourceVariantLinkInput) => {
    const toLink = validateResourceVariantLinksStep(
      transform({ input }, ({ input }) => ({ ...input, action: "link" as const }))
    )
    const links = transform({ input, toLink }, ({ input, toLink }) => resourceVariantLinks(input.resource_id, toLink))
    createRemoteLinkStep(links)
    return new WorkflowResponse(toLink)
  }
)

export default linkResourceVariantsWorkflow
