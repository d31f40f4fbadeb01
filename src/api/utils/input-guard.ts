import { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ID_LABELS, IdKind, isIdOf } from "../../modules/resource_booking/constants"

/**
 * Where input enters the plugin. One middleware, put in front of every route
 * prefix of the plugin (store, admin, OCTo, calendar feeds, widget; each
 * surface's route-middlewares file registers it with a RegExp matcher, which
 * Medusa sorts before the static and parameter routes of the namespace, so it
 * runs before any `:param` is decoded and before any validator or query).
 *
 * It refuses, with 400 naming the field:
 * - a malformed percent-encoding in the path or the query (express would
 *   answer 500 while decoding a parameter);
 * - a NUL byte (PostgreSQL refuses it in text) or an unpaired UTF-16
 *   surrogate (PostgreSQL refuses it in json/jsonb, and it is no valid text)
 *   in any string or key of the body, the query or the path, and a NUL in the
 *   Idempotency-Key header.
 *
 * And it checks every id in the path against its shape (`pathIds`: the
 * segment naming a collection → the kind of id in the next segment): an id of
 * another shape names nothing, and is answered as an unknown id is (404),
 * without a query. Ids in bodies and queries are checked by the zod
 * validators (`lookupId`, `filterId` in ./validators.ts), with the same shapes.
 */

/** What the guard refuses: a 400 naming the field, or a 404 for an id that names nothing. */
export type InputRefusal =
  | { status: 400; field: string; message: string }
  | { status: 404; kind: IdKind; id: string; message: string }

export type InputGuardOptions = {
  /** Path segment naming a collection → kind of the id in the segment that follows it. */
  pathIds?: Record<string, IdKind>
  /** How a surface answers a refusal; default: a MedusaError through Medusa's error handler. */
  answer?: (refusal: InputRefusal, res: MedusaResponse, next: MedusaNextFunction) => void
}

const MAX_DEPTH = 32
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Why a string cannot enter, or null. */
export function badCharacters(value: string): string | null {
  if (value.includes("\0")) return "must not contain NUL bytes"
  if (LONE_SURROGATE.test(value)) return "must not contain an unpaired UTF-16 surrogate"
  return null
}

/** A field name that can be printed (a key may itself be hostile). */
const printable = (name: string) =>
  name.replace(/\0/g, "\\0").replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)

/**
 * The first string or key anywhere in a JSON value that cannot enter, named
 * as a client writes it (`resource_id`, `departures[0].start_time`,
 * `metadata key "…"`), or null.
 */
export function findBadString(value: unknown, path = "", depth = 0): { field: string; problem: string } | null {
  if (typeof value === "string") {
    const problem = badCharacters(value)
    return problem ? { field: path || "body", problem } : null
  }
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return null
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findBadString(value[index], `${path}[${index}]`, depth + 1)
      if (found) return found
    }
    return null
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const keyProblem = badCharacters(key)
    if (keyProblem) return { field: `${path ? `${path} ` : ""}key "${printable(key)}"`, problem: keyProblem }
    const found = findBadString(child, path ? `${path}.${key}` : key, depth + 1)
    if (found) return found
  }
  return null
}

/** Decodes one URL component, or null when its percent-encoding is malformed. */
function decodeComponent(component: string, plusIsSpace: boolean): string | null {
  try {
    return decodeURIComponent(plusIsSpace ? component.replace(/\+/g, " ") : component)
  } catch {
    return null
  }
}

const invalid = (field: string, message: string): InputRefusal => ({ status: 400, field, message })

/** What is wrong with a request's path, query, body or headers, or null. */
export function inspectRequest(req: MedusaRequest, pathIds: Record<string, IdKind> = {}): InputRefusal | null {
  const url = req.originalUrl ?? req.url ?? ""
  const queryStart = url.indexOf("?")
  const path = queryStart === -1 ? url : url.slice(0, queryStart)
  const query = queryStart === -1 ? "" : url.slice(queryStart + 1)

  const segments: string[] = []
  for (const raw of path.split("/")) {
    const segment = decodeComponent(raw, false)
    if (segment === null) return invalid("path", "The request path has a malformed percent-encoding")
    const problem = badCharacters(segment)
    if (problem) return invalid("path", `The request path ${problem}`)
    segments.push(segment)
  }

  for (const part of query.split("&")) {
    if (!part) continue
    const [rawKey, ...rest] = part.split("=")
    const key = decodeComponent(rawKey, true)
    if (key === null) return invalid("query", "A query parameter name has a malformed percent-encoding")
    const keyProblem = badCharacters(key)
    if (keyProblem) return invalid(key, `Query parameter ${printable(key)} ${keyProblem.replace("must", "must have a name that does")}`)
    const value = decodeComponent(rest.join("="), true)
    if (value === null) return invalid(key, `Query parameter ${key} has a malformed percent-encoding`)
    const valueProblem = badCharacters(value)
    if (valueProblem) return invalid(key, `Query parameter ${key} ${valueProblem}`)
  }

  const inBody = findBadString(req.body)
  if (inBody) return invalid(inBody.field, `${inBody.field} ${inBody.problem}`)

  const token = req.headers?.["idempotency-key"]
  if (typeof token === "string" && badCharacters(token)) {
    return invalid("Idempotency-Key", `The idempotency-key header ${badCharacters(token)}`)
  }

  for (let index = 0; index + 1 < segments.length; index++) {
    const kind = pathIds[segments[index]]
    const id = segments[index + 1]
    if (kind && id !== "" && !isIdOf(kind, id)) {
      return { status: 404, kind, id, message: `${ID_LABELS[kind]} with id: ${id} was not found` }
    }
  }
  return null
}

/** Medusa's own answer: `{ type: "invalid_data" | "not_found", message }`. */
function answerWithMedusaError(refusal: InputRefusal, _res: MedusaResponse, next: MedusaNextFunction) {
  const type = refusal.status === 404 ? MedusaError.Types.NOT_FOUND : MedusaError.Types.INVALID_DATA
  next(new MedusaError(type, refusal.message))
}

/** The guard of one API surface (see the top of this file). */
export function inputGuard({ pathIds = {}, answer = answerWithMedusaError }: InputGuardOptions = {}) {
  return function guardInput(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    const refusal = inspectRequest(req, pathIds)
    if (refusal) return answer(refusal, res, next)
    next()
  }
}
