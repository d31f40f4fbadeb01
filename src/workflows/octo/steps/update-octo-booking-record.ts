import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OCTO_MODULE } from "../../../modules/octo"
import OctoModuleService from "../../../modules/octo/service"

export const updateOctoBookingRecordStepId = "update-octo-booking-record-step"

/** Updates an OCTo booking record; compensation writes back the fields it changed. */
export const updateOctoBookingRecordStep = createStep(
  updateOctoBookingRecordStepId,
  async (input: { id: string } & Record<string, any>, { container }) => {
    const service: OctoModuleService = container.resolve(OCTO_MODULE)
    const before = (await service.retrieveOctoBooking(input.id)) as any
    const previous: Record<string, any> = { id: input.id }
    for (const key of Object.keys(input)) if (key !== "id") previous[key] = before[key] ?? null
    const booking = await service.updateOctoBookings(input as any)
    return new StepResponse(booking, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const service: OctoModuleService = container.resolve(OCTO_MODULE)
    await service.updateOctoBookings(previous as any)
  }
)
