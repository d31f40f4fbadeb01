import { MedusaError } from "@medusajs/framework/utils"

/**
 * Turns a violation of the unique index on resource names (resources that
 * are not deleted) into a 409 naming the name. The index decides; no step
 * reads first (such a pre-check races). The module is taking this mapping
 * over; until it does, the create and update steps pass their errors here.
 */
export function rethrowResourceNameConflict(error: any, name: string | undefined): never {
  const text = `${error?.message ?? ""} ${error?.constraint ?? ""}`
  if (
    name !== undefined &&
    (error?.code === "23505" || /idx_resource_name_unique|Resource with name: .*already exists/i.test(text))
  ) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `A resource named "${name}" already exists (name must be unique among resources that are not deleted)`
    )
  }
  throw error
}
