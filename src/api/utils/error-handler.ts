import { errorHandler, MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

const medusaErrorHandler = errorHandler()

/**
 * Medusa's error handler, except for one error that only client input causes
 * and that Medusa answers with a 500: express failing to decode a malformed
 * percent-encoding in a path parameter (`URIError`). Medusa's own global
 * `/admin*` middleware has such a parameter and runs before any middleware of
 * a plugin can look at the path, so `GET /admin/resources/res_%ED%A0%80`
 * would answer 500; it answers 400 instead (for Medusa's routes too). An
 * app that sets its own `errorHandler` in its middlewares replaces this one.
 */
export function resourceBookingErrorHandler(error: any, req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (error instanceof URIError) {
    return medusaErrorHandler(
      new MedusaError(MedusaError.Types.INVALID_DATA, "The request path has a malformed percent-encoding"),
      req,
      res,
      next
    )
  }
  return medusaErrorHandler(error, req, res, next)
}
