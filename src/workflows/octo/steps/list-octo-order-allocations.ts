import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { bookingService } from "../../../lib/octo/context"

export const listOctoOrderAllocationsStepId = "list-octo-order-allocations-step"

/** The ACTIVE allocations of a confirmed OCTo booking's order (none without an order). Reads only. */
export const listOctoOrderAllocationsStep = createStep(
  listOctoOrderAllocationsStepId,
  async (input: { order_id: string | null }, { container }) => {
    if (!input.order_id) return new StepResponse([] as string[])
    const [allocations] = await bookingService(container).listAllocations({ order_id: input.order_id, status: "ACTIVE" }, { limit: 1000 } as any)
    return new StepResponse((allocations ?? []).map((a: any) => a.id as string))
  }
)
