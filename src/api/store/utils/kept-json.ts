import { MedusaResponse } from "@medusajs/framework/http"

/** Response bodies of kept module answers: by the answer, then by what the route added to it (`tag`). */
const bodies = new WeakMap<object, Map<string, string>>()

/**
 * Sends `shape()` as JSON, serialized once per kept answer and tag: the
 * module keeps answers it computed (a month of slots, read-cache.ts) and
 * hands the same object to every read while it holds, so its body (170 KB
 * for a month of slots) is serialized once, not on every read. `tag` names
 * everything `shape` adds to the answer (the resource's or the variant's id):
 * two variants booking the same resources share one kept answer.
 */
export function sendKeptJson(res: MedusaResponse, kept: object, tag: string, shape: () => unknown): void {
  let byTag = bodies.get(kept)
  if (!byTag) {
    byTag = new Map()
    bodies.set(kept, byTag)
  }
  let body = byTag.get(tag)
  if (body === undefined) {
    body = JSON.stringify(shape())
    byTag.set(tag, body)
  }
  res.setHeader("Content-Type", "application/json; charset=utf-8")
  res.send(body)
}
