import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { resourcesOfVariants } from "../utils/variant-resources"

export const validateResourceVariantLinksStepId = "validate-resource-variant-links-step"

export type ResourceVariantLinkInput = {
  resource_id: string
  variant_ids: string[]
  /** How many units of the resource one unit of each variant books (to link; default 1). */
  units?: number
}

/**
 * Checks a link or unlink request: the resource exists (not deleted) and
 * every variant exists; (to link) the variant books no resource of another
 * booking mode (409); (to unlink) every variant is linked to this resource.
 * Answers the variant ids that change: to link, those not linked yet or
 * linked with other units (a variant may book several resources; a resource
 * may be booked through several variants).
 */
export const validateResourceVariantLinksStep = createStep(
  validateResourceVariantLinksStepId,
  async (input: ResourceVariantLinkInput & { action: "link" | "unlink" }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const variantIds = [...new Set(input.variant_ids)]

    const { data: resources } = await query.graph({
      entity: "resource",
      fields: ["id", "booking_mode"],
      filters: { id: input.resource_id },
    })
    if (!resources.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Resource with id: ${input.resource_id} was not found`)
    }
    const { data: variants } = await query.graph({ entity: "product_variant", fields: ["id"], filters: { id: variantIds } })
    const found = new Set(variants.map((variant: any) => variant.id))
    const missing = variantIds.filter((id) => !found.has(id))
    if (missing.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product variant(s) not found: ${missing.join(", ")}`)
    }

    const linked = await resourcesOfVariants(query, variantIds)
    const unitsOf = (id: string) => linked.get(id)?.find((link) => link.resource_id === input.resource_id)?.units
    if (input.action === "link") {
      // A variant books resources of one mode (contract "Variants and booking rules over time").
      const others = [...new Set(variantIds.flatMap((id) => (linked.get(id) ?? []).map((link) => link.resource_id)))].filter(
        (id) => id !== input.resource_id
      )
      if (others.length) {
        const mode = resources[0].booking_mode ?? "DAY"
        const { data: linkedResources } = await query.graph({
          entity: "resource",
          fields: ["id", "booking_mode"],
          filters: { id: others },
        })
        const clash = linkedResources.filter((resource: any) => (resource.booking_mode ?? "DAY") !== mode)
        if (clash.length) {
          throw new MedusaError(
            MedusaError.Types.CONFLICT,
            `Resource ${input.resource_id} is booked by ${mode}, but the variant already books ${clash
              .map((resource: any) => `${resource.id} (${resource.booking_mode})`)
              .join(", ")}: a variant books resources of one booking mode`
          )
        }
      }
      return new StepResponse(variantIds.filter((id) => unitsOf(id) !== (input.units ?? 1)))
    }
    const notLinked = variantIds.filter((id) => unitsOf(id) === undefined)
    if (notLinked.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Product variant(s) not linked to resource ${input.resource_id}: ${notLinked.join(", ")}`
      )
    }
    return new StepResponse(variantIds)
  }
)
