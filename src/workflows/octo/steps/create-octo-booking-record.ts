import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { octoService } from "../../../lib/octo/context"
import { invalidBookingUuid } from "../../../lib/octo/errors"

export const createOctoBookingRecordStepId = "create-octo-booking-record-step"

const isUuidViolation = (error: any) =>
  /idx_octo_booking_uuid|uuid.*already exists|duplicate key/i.test(`${error?.message ?? ""} ${error?.detail ?? ""}`)

/**
 * Records the OCTo booking (uuid ↔ hold group). When the same uuid raced in
 * and was recorded first, answers that record and makes nothing (the unique
 * index on uuid decides), or INVALID_BOOKING_UUID when another reseller
 * recorded it.
 */
export const createOctoBookingRecordStep = createStep(
  createOctoBookingRecordStepId,
  async (input: Record<string, any>, { container }) => {
    const service = octoService(container)
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
      if (booking.reseller_id !== input.reseller_id) throw invalidBookingUuid(input.uuid)
      return new StepResponse<{ booking: any; created: boolean }, string | null>({ booking, created: false }, null)
    }
  },
  async (id, { container }) => {
    if (!id) return
    await octoService(container).deleteOctoBookings(id)
  }
)
