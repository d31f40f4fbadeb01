import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import { queryKeysFactory } from "../lib/query-key-factory"
import type { CapacityAudit, Page, Paging } from "../lib/types"

export type AuditListQuery = Paging & { resource_id: string; from?: string; to?: string }

export const auditQueryKeys = queryKeysFactory<AuditListQuery>("capacity_audit")

export const useCapacityAudit = ({ resource_id, ...query }: AuditListQuery) =>
  useQuery({
    queryKey: auditQueryKeys.list({ resource_id, ...query }),
    queryFn: () =>
      sdk.client.fetch<Page<"capacity_audit", CapacityAudit>>(`/admin/resources/${resource_id}/audit`, { query }),
    placeholderData: keepPreviousData,
  })
