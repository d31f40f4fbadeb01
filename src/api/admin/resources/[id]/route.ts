import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteResourceWorkflow } from "../../../../workflows/delete-resource"
import { updateResourceWorkflow } from "../../../../workflows/update-resource"
import { withConflictMessage } from "../../../utils/http-errors"
import { retrieveResource } from "../../helpers"
import { AdminUpdateResourceType } from "../../validators"

export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  res.json({ resource: await retrieveResource(req, req.params.id) })
}

export const POST = withConflictMessage(
  async (req: MedusaRequest<AdminUpdateResourceType>, res: MedusaResponse) => {
    await retrieveResource(req, req.params.id)
    await updateResourceWorkflow(req.scope).run({ input: { ...req.validatedBody, id: req.params.id } })
    res.status(200).json({ resource: await retrieveResource(req, req.params.id) })
  }
)

export const DELETE = withConflictMessage(async (req: MedusaRequest, res: MedusaResponse) => {
  await retrieveResource(req, req.params.id)
  await deleteResourceWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.status(200).json({ id: req.params.id, object: "resource", deleted: true })
})
