import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"
import { CreateWaitlistEntryInput } from "../../modules/resource_booking/types"

export const createResourceWaitlistEntryStepId = "create-resource-waitlist-entry-step"

/** Puts the request on the waitlist (the module refuses one that could be held now); compensation takes it off. */
export const createResourceWaitlistEntryStep = createStep(
  createResourceWaitlistEntryStepId,
  async (input: CreateWaitlistEntryInput, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const entry = await service.createWaitlistEntry(input)
    return new StepResponse(entry, entry.id)
  },
  async (id, { container }) => {
    if (!id) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.discardWaitlistEntry(id)
  }
)
