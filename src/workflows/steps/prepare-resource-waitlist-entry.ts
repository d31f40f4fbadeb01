import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { CreateWaitlistEntryInput } from "../../modules/resource_booking/types"
import { resourcesOfVariant } from "../utils/variant-resources"

export type ResourceWaitlistRequest = {
  variant_id?: string
  resource_id?: string
  dates?: string[]
  departures?: { date: string; start_time: string }[]
  appointment?: { date: string; start_time: string; duration_minutes: number }
  quantity: number
  customer_email: string
}

export const prepareResourceWaitlistEntryStepId = "prepare-resource-waitlist-entry-step"

/** What an offer for the request would hold: quantity of the resource, or quantity × units of each of the variant's resources. */
export const prepareResourceWaitlistEntryStep = createStep(
  prepareResourceWaitlistEntryStepId,
  async (input: ResourceWaitlistRequest, { container }) => {
    if ((input.variant_id == null) === (input.resource_id == null)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "name either variant_id or resource_id")
    }
    const items = input.variant_id
      ? (await resourcesOfVariant(container.resolve(ContainerRegistrationKeys.QUERY), input.variant_id)).map((resource) => ({
          resource_id: resource.resource_id,
          quantity: input.quantity * resource.units,
        }))
      : [{ resource_id: input.resource_id!, quantity: input.quantity }]
    return new StepResponse<CreateWaitlistEntryInput>({ ...input, items })
  }
)
