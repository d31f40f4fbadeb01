import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { octoService } from "../../../lib/octo/context"

export const validateResellerKeyTargetStepId = "validate-reseller-key-target-step"

/**
 * The sales channel a key will sell in, and the reseller it will belong to
 * (when named), must exist: 404 in the product's words otherwise. Reads only.
 */
export const validateResellerKeyTargetStep = createStep(
  validateResellerKeyTargetStepId,
  async (input: { sales_channel_id: string; reseller_id?: string | null }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "sales_channel", fields: ["id"], filters: { id: input.sales_channel_id } })
    if (!data.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Sales channel with id: ${input.sales_channel_id} was not found`)
    if (input.reseller_id) {
      const [reseller] = await octoService(container).listOctoResellers({ id: input.reseller_id } as any, { take: 1 })
      if (!reseller) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Reseller with id: ${input.reseller_id} was not found`)
    }
    return new StepResponse(true)
  }
)
