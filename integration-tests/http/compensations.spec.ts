/**
 * Every compensation of the plugin's workflow steps, run for real: each test
 * composes the real step with a step after it that fails, runs that workflow
 * in the booted app against PostgreSQL, and checks that the tables are back
 * as they were before the run (capacity rows, holds, allocations, blackouts,
 * resources), that the audit trail's movements cancel out, and that the
 * ledger's invariants hold.
 */
import { MedusaContainer } from "@medusajs/framework/types"
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { cancelResourceAllocationsStep } from "../../src/workflows/steps/cancel-resource-allocations"
import { confirmResourceHoldsStep } from "../../src/workflows/steps/confirm-resource-holds"
import { createResourceStep } from "../../src/workflows/steps/create-resource"
import { createResourceBlackoutStep } from "../../src/workflows/steps/create-resource-blackout"
import { createResourceHoldStep } from "../../src/workflows/steps/create-resource-hold"
import { deleteResourceStep } from "../../src/workflows/steps/delete-resource"
import { deleteResourceBlackoutStep } from "../../src/workflows/steps/delete-resource-blackout"
import { setResourceCapacityStep } from "../../src/workflows/steps/set-resource-capacity"
import { updateResourceStep } from "../../src/workflows/steps/update-resource"
import { assertLedgerInvariants, sql } from "./helpers/db"
import { bookingService, createResource, day, setCapacity, uniqueName } from "./helpers/fixtures"

jest.setTimeout(120 * 1000)

const LATER_STEP_FAILURE = "the step after it failed"

const failStep = createStep("fail-for-compensation-test-step", async () => {
  throw new Error(LATER_STEP_FAILURE)
})

/** A workflow that runs `step` and then a step that fails. */
function thenFail<I>(id: string, step: (input: I) => unknown) {
  return createWorkflow(id, (input: I) => {
    const output = step(input)
    failStep(output as any)
    return new WorkflowResponse(output)
  })
}

const holdThenFail = thenFail("test-create-resource-hold-then-fail-workflow", createResourceHoldStep as any)
const confirmThenFail = thenFail("test-confirm-resource-holds-then-fail-workflow", confirmResourceHoldsStep as any)
const cancelThenFail = thenFail("test-cancel-resource-allocations-then-fail-workflow", cancelResourceAllocationsStep as any)
const capacityThenFail = thenFail("test-set-resource-capacity-then-fail-workflow", setResourceCapacityStep as any)
const blackoutThenFail = thenFail("test-create-resource-blackout-then-fail-workflow", createResourceBlackoutStep as any)
const unblackoutThenFail = thenFail("test-delete-resource-blackout-then-fail-workflow", deleteResourceBlackoutStep as any)
const createThenFail = thenFail("test-create-resource-then-fail-workflow", createResourceStep as any)
const updateThenFail = thenFail("test-update-resource-then-fail-workflow", updateResourceStep as any)
const deleteThenFail = thenFail("test-delete-resource-then-fail-workflow", deleteResourceStep as any)

/** Runs the workflow, expects it to fail at the failing step, and answers nothing. */
async function runToFailure(workflow: (container: MedusaContainer) => any, container: MedusaContainer, input: unknown) {
  const { errors } = await workflow(container).run({ input, throwOnError: false })
  expect(errors.map((entry: any) => entry.error?.message)).toEqual([LATER_STEP_FAILURE])
}

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, dbConfig }) => {
    const email = "compensation@example.com"
    const D = (offset: number) => day(getContainer(), offset)
    const db = (text: string, params: unknown[] = []) => sql(dbConfig.clientUrl, text, params)

    /** A resource with `capacity` on D(10)..D(20). */
    const bookable = async (capacity = 5) => {
      const resource = await createResource(getContainer())
      await setCapacity(getContainer(), resource.id, D(10), D(20), capacity)
      return resource
    }

    /** Everything a compensation must put back, read from the tables. */
    const state = async (resourceId: string) => ({
      resource: await db(
        `SELECT id, type, name, description, is_active, metadata, deleted_at FROM resource WHERE id = $1`,
        [resourceId]
      ),
      capacity: await db(
        `SELECT date::text AS date, max_capacity, available_capacity FROM resource_capacity
         WHERE resource_id = $1 AND max_capacity > 0 ORDER BY date`,
        [resourceId]
      ),
      holds: await db(
        `SELECT id, status, quantity, dates::text[] AS dates, expires_at, confirmed_at FROM resource_hold
         WHERE resource_id = $1 ORDER BY id`,
        [resourceId]
      ),
      allocations: await db(
        `SELECT id, status, canceled_at, capacity_deducted, needs_review, deleted_at FROM resource_allocation
         WHERE resource_id = $1 ORDER BY id`,
        [resourceId]
      ),
      blackouts: await db(
        `SELECT id, start_date::text AS start_date, end_date::text AS end_date, deleted_at FROM resource_blackout
         WHERE resource_id = $1 ORDER BY id`,
        [resourceId]
      ),
    })

    const auditCount = async (resourceId: string) =>
      (await db(`SELECT count(*)::int AS n FROM resource_capacity_audit WHERE resource_id = $1`, [resourceId]))[0].n

    /**
     * The audit rows written since `before` rows existed: per date, their
     * movements of available and max capacity add up to nothing, and the last
     * one ends where the capacity row is.
     */
    const assertAuditCancelsOut = async (resourceId: string, before: number) => {
      const rows = await db(
        `SELECT date::text AS date, coalesce(old_available, 0) AS old_available, new_available,
                coalesce(old_max, 0) AS old_max, new_max, change_reason
         FROM resource_capacity_audit WHERE resource_id = $1 ORDER BY changed_at, id OFFSET $2`,
        [resourceId, before]
      )
      const net = new Map<string, { available: number; max: number }>()
      for (const row of rows) {
        const entry = net.get(row.date) ?? { available: 0, max: 0 }
        entry.available += row.new_available - row.old_available
        entry.max += (row.new_max ?? row.old_max) - row.old_max
        net.set(row.date, entry)
      }
      for (const [date, entry] of net) expect({ date, ...entry }).toEqual({ date, available: 0, max: 0 })
      await assertLedgerInvariants(dbConfig.clientUrl, resourceId)
      return rows
    }

    const reasons = (rows: any[]) => rows.map((row) => row.change_reason).sort()

    describe("hold release (create-resource-hold-step)", () => {
      it("releases the hold the run made and gives its capacity back", async () => {
        const resource = await bookable()
        const before = await state(resource.id)
        const audits = await auditCount(resource.id)

        await runToFailure(holdThenFail, getContainer(), {
          resource_id: resource.id,
          dates: [D(11), D(12)],
          quantity: 2,
          customer_email: email,
        })

        const after = await state(resource.id)
        expect(after.holds.map((hold: any) => hold.status)).toEqual(["RELEASED"])
        expect({ ...after, holds: [] }).toEqual({ ...before, holds: [] })
        const moves = await assertAuditCancelsOut(resource.id, audits)
        expect(reasons(moves)).toEqual(["HOLD", "HOLD", "RELEASE", "RELEASE"])
      })

      it("leaves alone a hold it only replayed (same idempotency token)", async () => {
        const resource = await bookable()
        const input = { resource_id: resource.id, dates: [D(11)], quantity: 1, customer_email: email, idempotency_token: "replay" }
        const { hold } = await bookingService(getContainer()).createHold(input)
        const before = await state(resource.id)

        await runToFailure(holdThenFail, getContainer(), input)

        expect(await state(resource.id)).toEqual(before)
        expect(before.holds.map((row: any) => [row.id, row.status])).toEqual([[hold.id, "ACTIVE"]])
      })
    })

    describe("confirmation revert (confirm-resource-holds-step)", () => {
      it("puts a confirmed hold back to ACTIVE and removes the allocation", async () => {
        const resource = await bookable()
        const { hold } = await bookingService(getContainer()).createHold({
          resource_id: resource.id,
          dates: [D(11), D(12)],
          quantity: 3,
          customer_email: email,
        })
        const before = await state(resource.id)
        const audits = await auditCount(resource.id)

        await runToFailure(confirmThenFail, getContainer(), [
          { hold_id: hold.id, order_id: "order_compensation_1", line_item_id: "ordli_compensation_1" },
        ])

        expect(await state(resource.id)).toEqual(before)
        expect(before.holds.map((row: any) => [row.status, row.confirmed_at])).toEqual([["ACTIVE", null]])
        await assertAuditCancelsOut(resource.id, audits)
      })

      it("gives back the capacity a confirmation re-took for a hold that was no longer ACTIVE", async () => {
        const resource = await bookable()
        const service = bookingService(getContainer())
        const { hold } = await service.createHold({ resource_id: resource.id, dates: [D(13)], quantity: 2, customer_email: email })
        await service.releaseHold(hold.id)
        const before = await state(resource.id)
        const audits = await auditCount(resource.id)

        await runToFailure(confirmThenFail, getContainer(), [
          { hold_id: hold.id, order_id: "order_compensation_2", line_item_id: "ordli_compensation_2" },
        ])

        expect(await state(resource.id)).toEqual(before)
        const moves = await assertAuditCancelsOut(resource.id, audits)
        expect(reasons(moves)).toEqual(["CANCEL", "CONFIRM"])
      })

      it("undoes the lines it already confirmed when a later line of the same step fails", async () => {
        const resource = await bookable()
        const { hold } = await bookingService(getContainer()).createHold({
          resource_id: resource.id,
          dates: [D(14)],
          quantity: 1,
          customer_email: email,
        })
        const before = await state(resource.id)
        const { errors } = await confirmThenFail(getContainer()).run({
          input: [
            { hold_id: hold.id, order_id: "order_compensation_3", line_item_id: "ordli_compensation_3a" },
            { hold_id: "rhold_missing", order_id: "order_compensation_3", line_item_id: "ordli_compensation_3b" },
          ],
          throwOnError: false,
        })
        expect(errors).toHaveLength(1)
        expect(errors[0].error.message).toMatch(/rhold_missing/)
        expect(await state(resource.id)).toEqual(before)
      })
    })

    describe("allocation-cancel revert (cancel-resource-allocations-step)", () => {
      it("makes the allocation ACTIVE again and takes back the capacity the cancel gave", async () => {
        const resource = await bookable()
        const service = bookingService(getContainer())
        const { hold } = await service.createHold({ resource_id: resource.id, dates: [D(15), D(16)], quantity: 2, customer_email: email })
        const { allocation } = await service.confirmHold({
          hold_id: hold.id,
          order_id: "order_compensation_4",
          line_item_id: "ordli_compensation_4",
        })
        const before = await state(resource.id)
        const audits = await auditCount(resource.id)

        await runToFailure(cancelThenFail, getContainer(), { allocation_ids: [allocation.id], restore_capacity: true })

        expect(await state(resource.id)).toEqual(before)
        expect(before.allocations.map((row: any) => [row.status, row.canceled_at])).toEqual([["ACTIVE", null]])
        expect(before.capacity.filter((row: any) => row.date === D(15))).toEqual([
          { date: D(15), max_capacity: 5, available_capacity: 3 },
        ])
        const moves = await assertAuditCancelsOut(resource.id, audits)
        expect(reasons(moves)).toEqual(["ADJUST", "ADJUST", "CANCEL", "CANCEL"])
      })
    })

    describe("capacity restore (set-resource-capacity-step)", () => {
      it("puts back each date's maximum, keeping what holds take, and leaves new dates with nothing to book", async () => {
        const resource = await bookable()
        const service = bookingService(getContainer())
        await service.createHold({ resource_id: resource.id, dates: [D(19)], quantity: 2, customer_email: email })
        const before = await state(resource.id)
        const availabilityBefore = await service.getAvailability({ resource_id: resource.id, from: D(17), to: D(23) })
        const audits = await auditCount(resource.id)

        await runToFailure(capacityThenFail, getContainer(), {
          resource_id: resource.id,
          from: D(18),
          to: D(23),
          max_capacity: 8,
        })

        expect(await state(resource.id)).toEqual(before)
        expect(await service.getAvailability({ resource_id: resource.id, from: D(17), to: D(23) })).toEqual(
          availabilityBefore
        )
        expect(before.capacity.filter((row: any) => row.date === D(19))).toEqual([
          { date: D(19), max_capacity: 5, available_capacity: 3 },
        ])
        await assertAuditCancelsOut(resource.id, audits)
      })
    })

    describe("blackouts (create-resource-blackout-step, delete-resource-blackout-step)", () => {
      it("removes a blackout the run made", async () => {
        const resource = await bookable()
        const before = await state(resource.id)

        await runToFailure(blackoutThenFail, getContainer(), { resource_id: resource.id, start_date: D(17), end_date: D(18) })

        const after = await state(resource.id)
        expect(after.blackouts).toHaveLength(1)
        expect(after.blackouts[0].deleted_at).not.toBeNull()
        expect({ ...after, blackouts: [] }).toEqual({ ...before, blackouts: [] })
        const [live] = await bookingService(getContainer()).listBlackouts({ resource_id: resource.id })
        expect(live).toEqual([])
      })

      it("restores a blackout the run deleted", async () => {
        const resource = await bookable()
        const service = bookingService(getContainer())
        const { blackout } = await service.createBlackout({ resource_id: resource.id, start_date: D(17), end_date: D(18) })
        const before = await state(resource.id)

        await runToFailure(unblackoutThenFail, getContainer(), { blackout_id: blackout.id })

        expect(await state(resource.id)).toEqual(before)
        expect(before.blackouts.map((row: any) => [row.id, row.deleted_at])).toEqual([[blackout.id, null]])
        const [live] = await service.listBlackouts({ resource_id: resource.id })
        expect(live.map((row: any) => row.id)).toEqual([blackout.id])
      })
    })

    describe("resources (create-, update-, delete-resource-step)", () => {
      it("deletes a resource the run created", async () => {
        const name = uniqueName("Compensated")
        await runToFailure(createThenFail, getContainer(), { type: "TOUR", name })
        const rows = await db(`SELECT id, deleted_at FROM resource WHERE name = $1`, [name])
        expect(rows.every((row: any) => row.deleted_at !== null)).toBe(true)
        expect(await bookingService(getContainer()).listResources({ name })).toEqual([])
      })

      it("puts back the fields an update changed", async () => {
        const resource = await bookable()
        const before = await state(resource.id)
        await runToFailure(updateThenFail, getContainer(), {
          id: resource.id,
          name: uniqueName("Renamed"),
          description: "changed",
          is_active: false,
        })
        expect(await state(resource.id)).toEqual(before)
      })

      it("restores a resource the run deleted", async () => {
        const resource = await bookable()
        const before = await state(resource.id)
        await runToFailure(deleteThenFail, getContainer(), { id: resource.id })
        expect(await state(resource.id)).toEqual(before)
        expect(before.resource[0].deleted_at).toBeNull()
      })
    })
  },
})
