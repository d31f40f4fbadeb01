import { useQuery } from "@tanstack/react-query"
import { queryKeysFactory, resourceListQuery } from "../lib/query"
import type { CapacityAudit, Page, Paging } from "../lib/types"

export type AuditListQuery = Paging & { resource_id: string; from?: string; to?: string }

export const auditQueryKeys = queryKeysFactory<AuditListQuery>("capacity_audit")

export const useCapacityAudit = (query: AuditListQuery) =>
  useQuery(resourceListQuery<Page<"capacity_audit", CapacityAudit>>(auditQueryKeys, "audit", query))
