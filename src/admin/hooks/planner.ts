import { useQuery } from "@tanstack/react-query"
import { adminQuery, queryKeysFactory } from "../lib/query"
import type { PlannerResource, ResourceType } from "../lib/types"

export type PlannerQuery = { from: string; to: string; type?: ResourceType; q?: string; limit: number; offset: number }

export const plannerQueryKeys = queryKeysFactory<PlannerQuery>("planner")

export type PlannerAnswer = { planner: { from: string; to: string; resources: PlannerResource[] }; count: number; limit: number; offset: number }

/** The operator's planner: a page of resources × every date of from..to, in one request. */
export const usePlanner = (query: PlannerQuery) =>
  useQuery({
    ...adminQuery<PlannerAnswer>(plannerQueryKeys.list(query), "/admin/resource-planner", query),
    enabled: !!query.from && !!query.to,
  })
