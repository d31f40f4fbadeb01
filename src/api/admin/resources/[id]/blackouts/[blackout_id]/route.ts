import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { resourceBookingService } from "../../../../../utils/resource-booking"
import { deleteResourceBlackoutWorkflow } from "../../../../../../workflows/delete-resource-blackout"

export const DELETE = async (req: MedusaRequest, res: MedusaResponse) => {
  const { id, blackout_id } = req.params
  const blackout = await resourceBookingService(req.scope).retrieveBlackout(blackout_id)
  if (blackout.resource_id !== id) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Resource blackout with id: ${blackout_id} was not found on resource ${id}`
    )
  }
  await deleteResourceBlackoutWorkflow(req.scope).run({ input: { blackout_id } })
  res.status(200).json({ id: blackout_id, object: "resource_blackout", deleted: true })
}
