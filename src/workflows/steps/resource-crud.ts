import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RESOURCE_BOOKING_MODULE } from "../../modules/resource_booking"
import ResourceBookingModuleService from "../../modules/resource_booking/service"
import { ResourceType } from "../../modules/resource_booking/types"

export type CreateResourceInput = {
  type: ResourceType
  name: string
  description?: string | null
  metadata?: Record<string, unknown> | null
  is_active?: boolean
}

export type UpdateResourceInput = {
  id: string
  type?: ResourceType
  name?: string
  description?: string | null
  metadata?: Record<string, unknown> | null
  is_active?: boolean
}

const RESOURCE_FIELDS = ["id", "type", "name", "description", "metadata", "is_active"] as const

function nameTaken(name: string): MedusaError {
  return new MedusaError(
    MedusaError.Types.CONFLICT,
    `A resource named "${name}" already exists (name must be unique among resources that are not deleted)`
  )
}

/** The unique index on name (not-deleted resources) turns a lost race into a 409 too. */
function mapUniqueViolation(error: any, name: string | undefined): never {
  const text = `${error?.message ?? ""} ${error?.constraint ?? ""}`
  if (
    name !== undefined &&
    (error?.code === "23505" || /idx_resource_name_unique|Resource with name: .*already exists/i.test(text))
  ) {
    throw nameTaken(name)
  }
  throw error
}

/** Refuses a name already used by another not-deleted resource. */
export async function assertNameFree(
  service: ResourceBookingModuleService,
  name: string,
  exceptId?: string
): Promise<void> {
  const existing = await service.listResources({ name }, { select: ["id"], take: 2 })
  if (existing.some((resource) => resource.id !== exceptId)) throw nameTaken(name)
}

export const createResourceStepId = "create-resource"

export const createResourceStep = createStep(
  createResourceStepId,
  async (input: CreateResourceInput, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await assertNameFree(service, input.name)
    const resource = await service.createResources(input).catch((error) => mapUniqueViolation(error, input.name))
    return new StepResponse(resource, resource.id)
  },
  async (id, { container }) => {
    if (!id) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.deleteResources(id)
  }
)

export const updateResourceStepId = "update-resource"

export const updateResourceStep = createStep(
  updateResourceStepId,
  async (input: UpdateResourceInput, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    const before = await service.retrieveResource(input.id, { select: [...RESOURCE_FIELDS] })
    if (input.name !== undefined && input.name !== before.name) {
      await assertNameFree(service, input.name, input.id)
    }
    const resource = await service.updateResources(input).catch((error) => mapUniqueViolation(error, input.name))
    const previous = Object.fromEntries(
      Object.keys(input).map((key) => [key, (before as Record<string, unknown>)[key]])
    ) as UpdateResourceInput
    return new StepResponse(resource, { ...previous, id: input.id })
  },
  async (previous, { container }) => {
    if (!previous) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.updateResources(previous)
  }
)

export const deleteResourceStepId = "delete-resource"

/**
 * Soft-deletes a resource after checking, in the same transaction (the check
 * takes the resource's lock), that it has no active holds or allocations from
 * today on: a hold cannot slip in between the check and the delete.
 */
export const deleteResourceStep = createStep(
  deleteResourceStepId,
  async (input: { id: string }, { container }) => {
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.softDeleteResourceIfDeletable(input.id)
    return new StepResponse({ id: input.id }, input.id)
  },
  async (id, { container }) => {
    if (!id) return
    const service: ResourceBookingModuleService = container.resolve(RESOURCE_BOOKING_MODULE)
    await service.restoreResources([id])
  }
)
