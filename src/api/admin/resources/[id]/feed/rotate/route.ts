import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { rotateResourceFeedWorkflow } from "../../../../../../workflows/notifications/rotate-resource-feed"
import { retrieveResource } from "../../../../../admin/helpers"
import { presentFeed } from "../helpers"

/** A new secret URL for the resource's feed (made if missing); the old one answers 404 from now on. */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  await retrieveResource(req, req.params.id)
  const { result } = await rotateResourceFeedWorkflow(req.scope).run({ input: { resource_id: req.params.id } })
  res.json({ resource_feed: presentFeed(req, result) })
}
