import { MedusaContainer } from "@medusajs/framework/types"
import { expireResourceHoldsWorkflow } from "../workflows/expire-resource-holds"

export const EXPIRE_BATCH_SIZE = 500
export const EXPIRE_MAX_BATCHES = 40

/**
 * Marks ACTIVE holds past `expires_at` as EXPIRED and gives their capacity
 * back, one batch per workflow run, while a batch came back full (at most
 * EXPIRE_MAX_BATCHES per run; the next run picks up the rest). Safe in
 * several processes at once: the service skips resources another process is
 * working on and never expires a hold twice.
 */
export default async function expireResourceHoldsJob(container: MedusaContainer): Promise<number> {
  const logger = container.resolve("logger")
  let expired = 0
  for (let batch = 0; batch < EXPIRE_MAX_BATCHES; batch++) {
    const { result } = await expireResourceHoldsWorkflow(container).run({ input: { batch_size: EXPIRE_BATCH_SIZE } })
    expired += result.expired.length
    if (result.expired.length < EXPIRE_BATCH_SIZE) break
  }
  logger.info(`expire-resource-holds: expired ${expired} hold(s)`)
  return expired
}

export const config = {
  name: "expire-resource-holds",
  schedule: "*/5 * * * *",
}
