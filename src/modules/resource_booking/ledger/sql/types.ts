/**
 * One database function of the module: its signature (what `DROP FUNCTION`
 * and `to_regprocedure` name) and its one current definition.
 */
export type LedgerFunction = {
  signature: string
  sql: string
}
