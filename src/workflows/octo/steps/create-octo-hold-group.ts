import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../../modules/resource_booking"
import ResourceBookingModuleService from "../../../modules/resource_booking/service"

export type CreateOctoHoldGroupInput = {
  items: { resource_id: string; quantity: number }[]
  dates: string[]
  customer_email: string
  idempotency_token: string
  ttl_minutes?: number
  metadata?: Record<string, unknown>
}

export const createOctoHoldGroupStepId = "create-octo-hold-group-step"

/**
 * Takes the hold group of an OCTo reservation (all resources, all or nothing,
 * rules and blackouts enforced by the ledger). The token is the reseller's
 * uuid, so a replay finds the same group (created: false) and its
 * compensation then leaves that group alone.
 */
export const createOctoHoldGroupStep = createStep(
  createOctoHoldGroupStepId,
  async (input: CreateOctoHoldGroupInput, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const result = await service.createHoldGroup(input as any)
    return new StepResponse(result, result.created ? result.holds[0]?.id : undefined)
  },
  async (holdId, { container }) => {
    if (!holdId) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.releaseHold(holdId)
  }
)
