import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const validateResourceVariantLinksStepId = "validate-resource-variant-links-step"

export type ResourceVariantLinkInput = {
  resource_id: string
  variant_ids: string[]
}

/**
 * Checks a link or unlink request: the resource exists (not deleted), every
 * variant exists, and (to link) no variant already sells another resource;
 * (to unlink) every variant is linked to this resource. Answers the variant
 * ids that actually change (linking an already linked variant is a no-op).
 */
export const validateResourceVariantLinksStep = createStep(
  validateResourceVariantLinksStepId,
  async (input: ResourceVariantLinkInput & { action: "link" | "unlink" }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const variantIds = [...new Set(input.variant_ids)]

    const { data: resources } = await query.graph({
      entity: "resource",
      fields: ["id"],
      filters: { id: input.resource_id },
    })
    if (!resources.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Resource with id: ${input.resource_id} was not found`)
    }

    const { data: variants } = await query.graph({
      entity: "product_variant",
      fields: ["id", "resource.id"],
      filters: { id: variantIds },
    })
    const found = new Map(variants.map((variant: any) => [variant.id, variant]))
    const missing = variantIds.filter((id) => !found.has(id))
    if (missing.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product variant(s) not found: ${missing.join(", ")}`)
    }

    const linkedTo = (id: string): string | undefined => (found.get(id) as any)?.resource?.id
    if (input.action === "link") {
      const elsewhere = variantIds.filter((id) => linkedTo(id) && linkedTo(id) !== input.resource_id)
      if (elsewhere.length) {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `Product variant(s) already linked to another resource: ${elsewhere
            .map((id) => `${id} (${linkedTo(id)})`)
            .join(", ")}`
        )
      }
      return new StepResponse(variantIds.filter((id) => linkedTo(id) !== input.resource_id))
    }
    const notLinked = variantIds.filter((id) => linkedTo(id) !== input.resource_id)
    if (notLinked.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Product variant(s) not linked to resource ${input.resource_id}: ${notLinked.join(", ")}`
      )
    }
    return new StepResponse(variantIds)
  }
)
