import { MedusaError } from "@medusajs/framework/utils"

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

/**
 * An OCTo refusal: `{ error, errorMessage, ...the id it names }` with OCTo's
 * status code. Workflow steps throw it too: a workflow hands its error back
 * serialized (a plain object with `name`, `message` and these fields), which
 * toOctoError reads back.
 */
export class OctoError extends Error {
  constructor(
    public readonly code: OctoErrorCode,
    message: string,
    public readonly extra: Record<string, unknown> = {}
  ) {
    super(message)
    this.name = "OctoError"
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

/** An OctoError, or the serialized form a workflow hands back. */
function asOctoError(error: any): OctoError | null {
  if (error instanceof OctoError) return error
  if (error?.name === "OctoError" && typeof error.code === "string" && error.code in STATUS) {
    return new OctoError(error.code, String(error.message ?? ""), error.extra ?? {})
  }
  return null
}

/**
 * Any error as an OCTo error. The ledger's refusals (no capacity, a rule, a
 * blackout, a past date) are UNPROCESSABLE_ENTITY with the ledger's message;
 * an invalid input BAD_REQUEST. Nothing becomes a 500.
 */
export function toOctoError(error: any): OctoError {
  const octo = asOctoError(error)
  if (octo) return octo
  const type = error?.type
  const message = String(error?.message ?? "The request could not be processed")
  if (type === MedusaError.Types.INVALID_DATA || type === "invalid_request_error") return badRequest(message)
  if (type === MedusaError.Types.CONFLICT || type === MedusaError.Types.NOT_ALLOWED || type === MedusaError.Types.NOT_FOUND) {
    return unprocessable(message)
  }
  return unprocessable("The request could not be processed")
}

/** True for an error that is not one of the expected refusals (worth a line in the log). */
export function isUnexpected(error: any): boolean {
  return !asOctoError(error) && !error?.type
}
