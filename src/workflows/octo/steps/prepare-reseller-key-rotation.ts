import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const prepareResellerKeyRotationStepId = "prepare-reseller-key-rotation-step"

export type ResellerKeyToRotate = { id: string; title: string; reseller_id: string; sales_channel_id: string }

/**
 * The key a rotation replaces, with its reseller and sales channel: 404 when
 * there is none; 400 when it is revoked (a revoked key's reseller gets a new
 * key with POST /admin/reseller-keys and its reseller_id), or when it was
 * rotated already and its replacement still works (revoke this one to finish
 * that rotation). Reads only.
 */
export const prepareResellerKeyRotationStep = createStep(
  prepareResellerKeyRotationStepId,
  async (input: { id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "octo_reseller_key",
      fields: ["id", "title", "reseller_id", "revoked_at", "replaced_by_id", "sales_channel.id"],
      filters: { id: input.id },
    })
    const key = data[0] as any
    if (!key) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Reseller key with id: ${input.id} was not found`)
    if (key.revoked_at) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Reseller key ${input.id} is revoked: create a new key for its reseller (reseller_id ${key.reseller_id}) instead of rotating it`
      )
    }
    if (key.replaced_by_id) {
      const { data: next } = await query.graph({ entity: "octo_reseller_key", fields: ["id", "revoked_at"], filters: { id: key.replaced_by_id } })
      if (next[0] && !(next[0] as any).revoked_at) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Reseller key ${input.id} was already rotated to ${key.replaced_by_id}: revoke ${input.id} once the reseller has switched`
        )
      }
    }
    if (!key.sales_channel?.id) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Reseller key ${input.id} has no sales channel: create a new key for its reseller instead`)
    }
    return new StepResponse<ResellerKeyToRotate>({
      id: key.id,
      title: key.title,
      reseller_id: key.reseller_id,
      sales_channel_id: key.sales_channel.id,
    })
  }
)
