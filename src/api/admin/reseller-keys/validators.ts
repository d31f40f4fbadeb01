import { z } from "@medusajs/framework/zod"
import { filterId, lookupId } from "../../utils/validators"


/**
 * A new key for a sales channel: for an existing reseller (`reseller_id`),
 * or for a new one named `reseller_name` (by default the key's title).
 */
export const AdminCreateResellerKey = z
  .object({
    title: z.string().trim().min(1).max(200),
    sales_channel_id: lookupId("sales_channel", "sales_channel_id"),
    // A reseller id by its prefix (an unknown one is a 404 from the module).
    reseller_id: z.string().trim().min(1).max(100).regex(/^orsl_[A-Za-z0-9]+$/, "reseller_id must be an id starting with orsl_").optional(),
    reseller_name: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((body) => !(body.reseller_id && body.reseller_name), {
    message: "Give reseller_id (an existing reseller) or reseller_name (a new one), not both",
    path: ["reseller_name"],
  })
export type AdminCreateResellerKeyType = z.infer<typeof AdminCreateResellerKey>

/** A rotation: a new key for the same reseller and sales channel (title: the old key's unless given). */
export const AdminRotateResellerKey = z
  .object({ title: z.string().trim().min(1).max(200).optional() })
  .strict()
export type AdminRotateResellerKeyType = z.infer<typeof AdminRotateResellerKey>

export const AdminListResellerKeys = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  revoked: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  reseller_id: filterId("reseller", "reseller_id").optional(),
})
export type AdminListResellerKeysType = z.infer<typeof AdminListResellerKeys>

export const AdminListResellers = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
export type AdminListResellersType = z.infer<typeof AdminListResellers>
