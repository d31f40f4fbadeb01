import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"

export const endResourceWaitlistEntryStepId = "end-resource-waitlist-entry-step"

/**
 * The customer leaves (LEFT) or an admin removes (REMOVED) an entry, once; an
 * offer's holds go back. Not compensated: it is the workflow's last change
 * (what follows only offers the freed capacity, and never fails).
 */
export const endResourceWaitlistEntryStep = createStep(
  endResourceWaitlistEntryStepId,
  async (input: { id: string; status: "LEFT" | "REMOVED" }, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    return new StepResponse(await service.endWaitlistEntry(input))
  }
)
