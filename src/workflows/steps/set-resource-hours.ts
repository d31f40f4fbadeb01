import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"

export const setResourceHoursStepId = "set-resource-hours-step"

export type SetResourceHoursInput = { resource_id: string; date: string; hours: [string, string][] | null }

/** Other hours on a date of an APPOINTMENT resource, or its weekday's again. Compensation puts back what it had. */
export const setResourceHoursStep = createStep(
  setResourceHoursStepId,
  async (input: SetResourceHoursInput, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const { previous } = await service.setHoursException(input)
    return new StepResponse(undefined, { resource_id: input.resource_id, date: input.date, hours: previous })
  },
  async (undo, { container }) => {
    if (!undo) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.setHoursException(undo)
  }
)
