import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

type Handler<Req extends MedusaRequest = MedusaRequest> = (req: Req, res: MedusaResponse) => Promise<void>

function isConflict(error: any): boolean {
  return error?.type === MedusaError.Types.CONFLICT || error?.name === MedusaError.Types.CONFLICT
}

/**
 * Medusa's error handler replaces the message of every CONFLICT with a
 * generic text; the contract wants a 409 that says what conflicted (which
 * dates, which hold). Routes that can conflict are wrapped in this.
 */
export function withConflictMessage<Req extends MedusaRequest>(handler: Handler<Req>): Handler<Req> {
  return async (req, res) => {
    try {
      await handler(req, res)
    } catch (error: any) {
      if (isConflict(error)) {
        res.status(409).json({ type: MedusaError.Types.CONFLICT, message: String(error.message) })
        return
      }
      throw error
    }
  }
}
