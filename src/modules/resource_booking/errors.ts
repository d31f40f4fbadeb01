import { MedusaError } from "@medusajs/framework/utils"

/** The module's errors: Medusa's types, so routes answer 400 / 404 / 409 without mapping. */
export function conflict(message: string): MedusaError {
  return new MedusaError(MedusaError.Types.CONFLICT, message)
}

export function invalid(message: string): MedusaError {
  return new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

export function notFound(message: string): MedusaError {
  return new MedusaError(MedusaError.Types.NOT_FOUND, message)
}

/** A PostgreSQL unique violation of the named index (raw or as MikroORM/Medusa rewrap it). */
export function isUniqueViolation(error: any, index: string, medusaText?: RegExp): boolean {
  const text = `${error?.message ?? ""} ${error?.constraint ?? ""} ${error?.detail ?? ""}`
  return (
    ((error?.code === "23505" || /duplicate key|already exists/i.test(text)) && text.includes(index)) ||
    (!!medusaText && medusaText.test(text))
  )
}

/**
 * The unique index on live resource names decides (no racy pre-check); its
 * violation becomes the friendly 409 wherever the write came from.
 */
export function mapResourceNameViolation(error: any, names: (string | undefined)[]): never {
  if (isUniqueViolation(error, "idx_resource_name_unique", /Resource with name: .*already exists/i)) {
    const name = names.find((n) => n !== undefined && String(error?.message ?? "").includes(n)) ?? names.find(Boolean)
    throw conflict(
      `A resource named "${name ?? ""}" already exists (name must be unique among resources that are not deleted)`
    )
  }
  throw error
}

/** Marks the message of a refusal for a hold limit (no hoarding); the HTTP layer answers it 429 with Retry-After. */
export const HOLD_LIMIT_MESSAGE = "Too many active holds"

/**
 * A hold refused because its customer, client or reseller key already keeps
 * its limit of live holds: `Too many active holds: … (maxActiveHoldsPerCustomer
 * = 20); retry after N seconds` when a lapse is known.
 */
export function holdLimit(problem: { limit: string; max: number; key?: string; retry_after_seconds?: number | null }): MedusaError {
  const who =
    problem.limit === "maxActiveHoldsPerCustomer"
      ? "this customer email"
      : problem.limit === "maxActiveHoldsPerResellerKey"
        ? "this reseller key"
        : problem.key === "ip"
          ? "this client address"
          : "this cart"
  const retry = problem.retry_after_seconds != null && problem.retry_after_seconds > 0 ? `; retry after ${Math.ceil(problem.retry_after_seconds)} seconds` : ""
  return new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    `${HOLD_LIMIT_MESSAGE}: ${who} already keeps ${problem.max} live holds (${problem.limit} = ${problem.max})${retry}`,
    "resource_booking.hold_limit"
  )
}

/** lock_timeout (55P03) or the ledger's own refusal, as a 409 the client can retry. */
export function mapLockError(error: any): never {
  if (error?.code === "55P03" || /lock timeout/i.test(String(error?.message))) {
    throw conflict("The resource is busy right now; try again")
  }
  throw error
}
