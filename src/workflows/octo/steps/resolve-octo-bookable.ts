import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BookableInput, BookableRequest, resolveBookable } from "../../../lib/octo/bookable"

export const resolveOctoBookableStepId = "resolve-octo-bookable-step"

/**
 * What a reservation books (or will book after a change), checked in OCTo's
 * order (product, option, availability, unit items) against the reseller's
 * sales channel and the ledger's availability (src/lib/octo/bookable.ts).
 * No request, nothing to check (null). Reads only.
 */
export const resolveOctoBookableStep = createStep(
  resolveOctoBookableStepId,
  async (input: { sales_channel_id: string; request: BookableInput | null }, { container }) => {
    if (!input.request) return new StepResponse<BookableRequest | null>(null)
    return new StepResponse<BookableRequest | null>(await resolveBookable(container, input.sales_channel_id, input.request))
  }
)
