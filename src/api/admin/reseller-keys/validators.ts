import { z } from "@medusajs/framework/zod"
import { lookupId } from "../../utils/validators"

export const AdminCreateResellerKey = z
  .object({
    title: z.string().trim().min(1).max(200),
    sales_channel_id: lookupId("sales_channel", "sales_channel_id"),
  })
  .strict()
export type AdminCreateResellerKeyType = z.infer<typeof AdminCreateResellerKey>

export const AdminListResellerKeys = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  revoked: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
})
export type AdminListResellerKeysType = z.infer<typeof AdminListResellerKeys>
