import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { HOLD_LIMIT_MESSAGE } from "../../modules/resource_booking/errors"

type Handler<Req extends MedusaRequest = MedusaRequest> = (req: Req, res: MedusaResponse) => Promise<void>

/** A hold refused by a hoarding limit (module errors.holdLimit): 429, with Retry-After when a lapse is known. */
export function holdLimitOf(error: any): { message: string; retryAfter?: number } | null {
  const message = String(error?.message ?? "")
  if (error?.code !== "resource_booking.hold_limit" && !message.startsWith(HOLD_LIMIT_MESSAGE)) return null
  const retry = /retry after (\d+) seconds/.exec(message)
  return { message, retryAfter: retry ? Number(retry[1]) : undefined }
}

function isConflict(error: any): boolean {
  return error?.type === MedusaError.Types.CONFLICT || error?.name === MedusaError.Types.CONFLICT
}

/**
 * Medusa's error handler replaces the message of every CONFLICT with a
 * generic text; the contract wants a 409 that says what conflicted (which
 * dates, which hold). Routes that can conflict are wrapped in this; it also
 * answers a hold refused by a hoarding limit with 429 and Retry-After.
 */
export function withConflictMessage<Req extends MedusaRequest>(handler: Handler<Req>): Handler<Req> {
  return async (req, res) => {
    try {
      await handler(req, res)
    } catch (error: any) {
      const limit = holdLimitOf(error)
      if (limit) {
        if (limit.retryAfter !== undefined) res.setHeader("Retry-After", String(limit.retryAfter))
        res.status(429).json({ type: "too_many_holds", message: limit.message })
        return
      }
      if (isConflict(error)) {
        res.status(409).json({ type: MedusaError.Types.CONFLICT, message: String(error.message) })
        return
      }
      throw error
    }
  }
}
