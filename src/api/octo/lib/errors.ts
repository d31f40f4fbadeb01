import { MedusaError } from "@medusajs/framework/utils"
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

export type OctoErrorCode =
  | "INVALID_PRODUCT_ID"
  | "INVALID_OPTION_ID"
  | "INVALID_UNIT_ID"
  | "INVALID_AVAILABILITY_ID"
  | "INVALID_BOOKING_UUID"
  | "BAD_REQUEST"
  | "UNPROCESSABLE_ENTITY"
  | "UNAUTHORIZED"
  | "FORBIDDEN"

const STATUS: Record<OctoErrorCode, number> = {
  INVALID_PRODUCT_ID: 400,
  INVALID_OPTION_ID: 400,
  INVALID_UNIT_ID: 400,
  INVALID_AVAILABILITY_ID: 400,
  INVALID_BOOKING_UUID: 400,
  BAD_REQUEST: 400,
  UNPROCESSABLE_ENTITY: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
}

/** An OCTo error: `{ error, errorMessage, ...the id it names }` with OCTo's status code. */
export class OctoError extends Error {
  constructor(
    public readonly code: OctoErrorCode,
    message: string,
    public readonly extra: Record<string, unknown> = {}
  ) {
    super(message)
  }

  get status(): number {
    return STATUS[this.code]
  }

  body() {
    return { error: this.code, errorMessage: this.message, ...this.extra }
  }
}

export const badRequest = (message: string) => new OctoError("BAD_REQUEST", message)
export const unprocessable = (message: string) => new OctoError("UNPROCESSABLE_ENTITY", message)
export const invalidProduct = (productId: unknown) =>
  new OctoError("INVALID_PRODUCT_ID", "The productId was missing or invalid", { productId: String(productId ?? "") })
export const invalidOption = (optionId: unknown) =>
  new OctoError("INVALID_OPTION_ID", "The optionId was missing or invalid", { optionId: String(optionId ?? "") })
export const invalidUnit = (unitId: unknown) =>
  new OctoError("INVALID_UNIT_ID", "The unitId was missing or invalid", { unitId: String(unitId ?? "") })
export const invalidAvailability = (availabilityId: unknown) =>
  new OctoError("INVALID_AVAILABILITY_ID", "The availabilityId was missing or invalid", {
    availabilityId: String(availabilityId ?? ""),
  })
export const invalidBookingUuid = (uuid: unknown) =>
  new OctoError("INVALID_BOOKING_UUID", "The uuid was already used, missing or invalid", { uuid: String(uuid ?? "") })

/**
 * Any error as an OCTo error. The ledger's refusals (no capacity, a rule, a
 * blackout, a past date) are UNPROCESSABLE_ENTITY with the ledger's message;
 * an invalid input BAD_REQUEST. Nothing becomes a 500.
 */
export function toOctoError(error: any): OctoError {
  if (error instanceof OctoError) return error
  const type = error?.type
  const message = String(error?.message ?? "The request could not be processed")
  if (type === MedusaError.Types.INVALID_DATA || type === "invalid_request_error") return badRequest(message)
  if (type === MedusaError.Types.CONFLICT || type === MedusaError.Types.NOT_ALLOWED || type === MedusaError.Types.NOT_FOUND) {
    return unprocessable(message)
  }
  return unprocessable("The request could not be processed")
}

type Handler = (req: MedusaRequest<any>, res: MedusaResponse) => Promise<unknown>

/** Wraps an OCTo route so that every failure answers an OCTo error body, never a 500. */
export function octoRoute(handler: Handler): Handler {
  return async (req, res) => {
    try {
      await handler(req, res)
    } catch (error: any) {
      const octo = toOctoError(error)
      if (!(error instanceof OctoError) && !error?.type) {
        try {
          req.scope.resolve("logger").error(`octo: ${req.method} ${req.originalUrl ?? req.url}: ${error?.stack ?? error}`)
        } catch {}
      }
      res.status(octo.status).json(octo.body())
    }
  }
}
