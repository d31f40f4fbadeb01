import { z } from "@medusajs/framework/zod"

export const AdminUpdateResourceFeed = z
  .object({
    include_customer: z.boolean().optional(),
    include_holds: z.boolean().optional(),
  })
  .strict()

export type AdminUpdateResourceFeedType = z.infer<typeof AdminUpdateResourceFeed>
