import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingService } from "../../../lib/octo/context"
import type { CreateHoldGroupResult } from "../../../modules/resource_booking/types"

export type CreateOctoHoldGroupInput = {
  items: { resource_id: string; quantity: number }[]
  /** The dates (a day product) or the departure (a START_TIME product) it takes. */
  dates?: string[]
  departures?: { date: string; start_time: string }[]
  customer_email: string
  idempotency_token: string
  ttl_minutes?: number
  metadata?: Record<string, unknown>
  channel: "octo"
  /** `octo:<reseller key id>`: counted against maxActiveHoldsPerResellerKey. */
  client_keys: string[]
}

export const createOctoHoldGroupStepId = "create-octo-hold-group-step"

/**
 * Takes the hold group of an OCTo reservation, or its new group when it
 * changes what it books (all resources, all or nothing, rules and blackouts
 * enforced by the ledger); null: nothing to take. The token is the
 * reseller's uuid (and revision), so a replay finds the same group
 * (created: false) and its compensation then leaves that group alone.
 */
export const createOctoHoldGroupStep = createStep(
  createOctoHoldGroupStepId,
  async (input: CreateOctoHoldGroupInput | null, { container }) => {
    if (!input) return new StepResponse<CreateHoldGroupResult | null, string | null>(null, null)
    const result = await bookingService(container).createHoldGroup(input)
    return new StepResponse<CreateHoldGroupResult | null, string | null>(result, result.created ? result.holds[0]?.id ?? null : null)
  },
  async (holdId, { container }) => {
    if (!holdId) return
    await bookingService(container).releaseHold(holdId)
  }
)
