import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep, dismissRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { RESOURCE_BOOKING_MODULE } from "../modules/resource_booking"
import { ResourceVariantLinkInput, validateResourceVariantLinksStep } from "./steps/validate-resource-variant-links"

export const linkResourceVariantsWorkflowId = "link-resource-variants"
export const unlinkResourceVariantsWorkflowId = "unlink-resource-variants"

function linksOf(resourceId: string, variantIds: string[]) {
  return variantIds.map((variantId) => ({
    [RESOURCE_BOOKING_MODULE]: { resource_id: resourceId },
    [Modules.PRODUCT]: { product_variant_id: variantId },
  }))
}

/** Links product variants to a resource (a variant sells at most one resource). */
export const linkResourceVariantsWorkflow = createWorkflow(
  linkResourceVariantsWorkflowId,
  (input: ResourceVariantLinkInput) => {
    const toLink = validateResourceVariantLinksStep(
      transform({ input }, ({ input }) => ({ ...input, action: "link" as const }))
    )
    const links = transform({ input, toLink }, ({ input, toLink }) => linksOf(input.resource_id, toLink))
    createRemoteLinkStep(links)
    return new WorkflowResponse(toLink)
  }
)

/** Removes links between product variants and a resource. */
export const unlinkResourceVariantsWorkflow = createWorkflow(
  unlinkResourceVariantsWorkflowId,
  (input: ResourceVariantLinkInput) => {
    const toUnlink = validateResourceVariantLinksStep(
      transform({ input }, ({ input }) => ({ ...input, action: "unlink" as const }))
    ).config({ name: "validate-resource-variant-unlinks" })
    const links = transform({ input, toUnlink }, ({ input, toUnlink }) => linksOf(input.resource_id, toUnlink))
    dismissRemoteLinkStep(links)
    return new WorkflowResponse(toUnlink)
  }
)
