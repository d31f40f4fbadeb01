import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { isUnexpected, toOctoError } from "../../../lib/octo/errors"

type Handler = (req: MedusaRequest<any>, res: MedusaResponse) => Promise<unknown>

/** Wraps an OCTo route so that every failure answers an OCTo error body, never a 500. */
export function octoRoute(handler: Handler): Handler {
  return async (req, res) => {
    try {
      await handler(req, res)
    } catch (error: any) {
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
