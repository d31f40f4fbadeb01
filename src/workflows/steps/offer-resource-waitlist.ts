import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"
import { WaitlistOfferDTO } from "../../modules/resource_booking/types"

export const offerResourceWaitlistStepId = "offer-resource-waitlist-step"

/**
 * Offers capacity freed on these resources to the waitlist, in order (the
 * ledger's offer-waitlist.ts); without resource ids, every resource with live
 * entries (the sweep). Offering never fails the change that freed the
 * capacity: an error is logged and the next sweep offers again. Offers are
 * holds of their own, ended like any hold, so there is nothing to compensate.
 */
export const offerResourceWaitlistStep = createStep(
  offerResourceWaitlistStepId,
  async (input: { resource_ids?: string[] }, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    if (input.resource_ids && !input.resource_ids.length) return new StepResponse([] as WaitlistOfferDTO[])
    try {
      return new StepResponse(await service.offerWaitlist(input.resource_ids))
    } catch (error: any) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(`resource_booking: waitlist offer for ${input.resource_ids?.join(", ") ?? "all resources"} failed, the sweep retries: ${error?.message ?? error}`)
      return new StepResponse([] as WaitlistOfferDTO[])
    }
  }
)
