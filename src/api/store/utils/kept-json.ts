import { createHash } from "crypto"
import { MedusaResponse } from "@medusajs/framework/http"

type Body = { bytes: Buffer; etag: string }

/** Response bodies of kept module answers: by the answer, then by what the route added to it (`tag`). */
const bodies = new WeakMap<object, Map<string, Body>>()

/**
 * Sends `shape()` as JSON, serialized once per kept answer and tag: the
 * module keeps answers it computed (a month of slots, read-cache.ts) and
 * hands the same object to every read while it holds, so its body (170 KB
 * for a month of slots) is serialized, encoded and given its ETag once, not
 * on every read (Express's res.json does all three each time). `tag` names
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
    const bytes = Buffer.from(JSON.stringify(shape()), "utf8")
    // Express's weak ETag (the `etag` package's format): length and SHA-1.
    const etag = `W/"${bytes.length.toString(16)}-${createHash("sha1").update(bytes).digest("base64").substring(0, 27)}"`
    body = { bytes, etag }
    byTag.set(tag, body)
  }
  res.setHeader("Content-Type", "application/json; charset=utf-8")
  res.setHeader("ETag", body.etag)
  res.send(body.bytes)
}
