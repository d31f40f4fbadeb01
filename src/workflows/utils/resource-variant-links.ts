import { Modules } from "@medusajs/framework/utils"
import { transform, WorkflowData } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import { ResourceVariantLinkInput, validateResourceVariantLinksStep } from "../steps/validate-resource-variant-links"

/** The link rows between a resource and product variants (resource ↔ product_variant), with units. */
export function resourceVariantLinks(resourceId: string, variantIds: string[], units?: number) {
  return variantIds.map((variantId) => ({
    [RESOURCE_BOOKING_MODULE]: { resource_id: resourceId },
    [Modules.PRODUCT]: { product_variant_id: variantId },
    ...(units !== undefined ? { data: { units } } : {}),
  }))
}

/**
 * Inside a link or unlink workflow's composition: checks the request
 * (validateResourceVariantLinksStep) and answers the variant ids that change
 * and their link rows.
 */
export function checkedResourceVariantLinks(
  input: ResourceVariantLinkInput | WorkflowData<ResourceVariantLinkInput>,
  action: "link" | "unlink"
) {
  const variantIds = validateResourceVariantLinksStep(transform({ input }, ({ input }) => ({ ...input, action })))
  const links = transform({ input, variantIds }, ({ input, variantIds }) =>
    resourceVariantLinks(input.resource_id, variantIds, action === "link" ? input.units ?? 1 : undefined)
  )
  return { variantIds, links }
}
