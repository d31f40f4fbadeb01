import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"

export const changeResourceBookingModeStepId = "change-resource-booking-mode-step"

/**
 * Changes a resource's booking mode (409 while it has live bookings from
 * today on: the ledger decides under the resource's lock). Without a mode in
 * the input it does nothing. Compensation puts the previous mode back.
 */
export const changeResourceBookingModeStep = createStep(
  changeResourceBookingModeStepId,
  async (input: { id: string; booking_mode?: string }, { container }) => {
    if (input.booking_mode === undefined) return new StepResponse(undefined, undefined)
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const [previous] = await service.changeBookingModes([{ id: input.id, booking_mode: input.booking_mode }])
    return new StepResponse(undefined, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.changeBookingModes([previous])
  }
)
