import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"

export const archiveResourceBookingHistoryStepId = "archive-resource-booking-history-step"

/**
 * Moves old finished holds and audit rows to the archive tables (the
 * `retention` option). A move keeps every row (in the archive), so there is
 * nothing to compensate.
 */
export const archiveResourceBookingHistoryStep = createStep(
  archiveResourceBookingHistoryStepId,
  async (input: { batch_size?: number; max_batches?: number }, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    return new StepResponse(await service.archiveHistory({ batchSize: input.batch_size, maxBatches: input.max_batches }))
  }
)
