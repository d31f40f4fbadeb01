import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { isUnexpected, toOctoError, unprocessable } from "../../../lib/octo/errors"
import { holdLimitOf } from "../../utils/http-errors"

type Handler = (req: MedusaRequest<any>, res: MedusaResponse) => Promise<unknown>

/**
 * Wraps an OCTo route so that every failure answers an OCTo error body, never
 * a 500. A reservation refused by the reseller key's hoarding limit
 * (maxActiveHoldsPerResellerKey) answers 429 with Retry-After, as the store
 * API does, and an OCTo body (`UNPROCESSABLE_ENTITY`, naming the limit): OCTo
 * has no error code of its own for too many requests.
 */
export function octoRoute(handler: Handler): Handler {
  return async (req, res) => {
    try {
      await handler(req, res)
    } catch (error: any) {
      const limit = holdLimitOf(error)
      if (limit) {
        if (limit.retryAfter !== undefined) res.setHeader("Retry-After", String(limit.retryAfter))
        res.status(429).json(unprocessable(limit.message).body())
        return
      }
      const octo = toOctoError(error)
      if (isUnexpected(error)) {
        try {
          req.scope.resolve("logger").error(`octo: ${req.method} ${req.originalUrl ?? req.url}: ${error?.stack ?? error}`)
        } catch {}
      }
      res.status(octo.status).json(octo.body())
    }
  }
}
