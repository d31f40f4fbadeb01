import { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

const MAX_DEPTH = 32

function invalid(message: string): MedusaError {
  return new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

/** Decodes one URL component, or null when its percent-encoding is malformed. */
function decodeComponent(component: string): string | null {
  try {
    return decodeURIComponent(component.replace(/\+/g, " "))
  } catch {
    return null
  }
}

/** The name of the first string or key holding a NUL byte, or null. */
function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === "string") return value.includes("\0") ? path || "body" : null
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return null
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findNul(value[index], `${path}[${index}]`, depth + 1)
      if (found) return found
    }
    return null
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const childPath = path ? `${path}.${key}` : key
    if (key.includes("\0")) return `${path ? `${path} ` : ""}key ${JSON.stringify(key)}`
    const found = findNul(child, childPath, depth + 1)
    if (found) return found
  }
  return null
}

/**
 * Refuses, with 400, a store request whose URL has a malformed
 * percent-encoding or a NUL byte (raw or `%00`) in its path or query, or whose
 * body has a NUL byte in any string or key. Medusa core answers 500 to all of
 * these (PostgreSQL refuses NUL in text; `decodeURIComponent` throws), and the
 * contract says a store route never answers 500.
 */
export function rejectHostileInput(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const url = req.originalUrl ?? req.url ?? ""
  const queryStart = url.indexOf("?")
  const path = queryStart === -1 ? url : url.slice(0, queryStart)
  const query = queryStart === -1 ? "" : url.slice(queryStart + 1)

  const decodedPath = decodeComponent(path)
  if (decodedPath === null) {
    return next(invalid("The request path has a malformed percent-encoding"))
  }
  if (decodedPath.includes("\0")) {
    return next(invalid("The request path must not contain NUL bytes"))
  }
  for (const part of query.split("&")) {
    if (!part) continue
    const [rawKey, ...rest] = part.split("=")
    const key = decodeComponent(rawKey)
    if (key === null) {
      return next(invalid("A query parameter name has a malformed percent-encoding"))
    }
    const value = decodeComponent(rest.join("="))
    if (value === null) {
      return next(invalid(`Query parameter ${key} has a malformed percent-encoding`))
    }
    if (key.includes("\0") || value.includes("\0")) {
      return next(invalid(`Query parameter ${key.replace(/\0/g, "\\0")} must not contain NUL bytes`))
    }
  }
  const nulIn = findNul(req.body, "")
  if (nulIn) {
    return next(invalid(`${nulIn.replace(/\0/g, "\\0")} must not contain NUL bytes`))
  }
  for (const header of ["idempotency-key"]) {
    const value = req.headers?.[header]
    if (typeof value === "string" && value.includes("\0")) {
      return next(invalid(`The ${header} header must not contain NUL bytes`))
    }
  }
  next()
}
