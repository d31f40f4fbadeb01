import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"
import { ConfirmHoldInput, ConfirmHoldResult } from "../../modules/resource_booking/types"

export const confirmResourceHoldsStepId = "confirm-resource-holds-step"

/** Confirms each hold into the allocation of its order line (idempotent per line). */
export const confirmResourceHoldsStep = createStep(
  confirmResourceHoldsStepId,
  async (input: ConfirmHoldInput[], { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const results: ConfirmHoldResult[] = []
    const made: { allocation_id: string; hold_confirmed: boolean }[] = []
    try {
      for (const line of input) {
        const result = await service.confirmHold(line)
        results.push(result)
        if (result.created) made.push({ allocation_id: result.allocation.id, hold_confirmed: result.hold_confirmed })
      }
    } catch (error) {
      // This step's own compensation does not run when it fails: undo the
      // lines it already confirmed before failing.
      for (const entry of made.reverse()) await service.revertConfirmation(entry)
      throw error
    }
    return new StepResponse(results, made)
  },
  async (made, { container }) => {
    if (!made?.length) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    for (const entry of [...made].reverse()) await service.revertConfirmation(entry)
  }
)
