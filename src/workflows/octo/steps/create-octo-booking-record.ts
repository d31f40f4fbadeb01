import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { OCTO_MODULE } from "../../../modules/octo"
import OctoModuleService from "../../../modules/octo/service"

export const createOctoBookingRecordStepId = "create-octo-booking-record-step"

const isUuidViolation = (error: any) =>
  /idx_octo_booking_uuid|uuid.*already exists|duplicate key/i.test(`${error?.message ?? ""} ${error?.detail ?? ""}`)

/**
 * Records the OCTo booking (uuid ↔ hold group). When the same uuid raced in
 * and was recorded first, answers that record and makes nothing (the unique
 * index on uuid decides).
 */
export const createOctoBookingRecordStep = createStep(
  createOctoBookingRecordStepId,
  async (input: Record<string, any>, { container }) => {
    const service: OctoModuleService = container.resolve(OCTO_MODULE)
    try {
      const booking = await service.createOctoBookings({
        ...input,
        supplier_reference: service.newSupplierReference(),
      } as any)
      return new StepResponse<{ booking: any; created: boolean }, string | null>({ booking, created: true }, booking.id)
    } catch (error) {
      if (!isUuidViolation(error)) throw error
      const [booking] = await service.listOctoBookings({ uuid: input.uuid } as any, { take: 1 })
      if (!booking) throw error
      return new StepResponse<{ booking: any; created: boolean }, string | null>({ booking, created: false }, null)
    }
  },
  async (id, { container }) => {
    if (!id) return
    const service: OctoModuleService = container.resolve(OCTO_MODULE)
    await service.deleteOctoBookings(id)
  }
)
