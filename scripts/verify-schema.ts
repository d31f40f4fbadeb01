/**
 * Verifies the resource_booking schema against what
 * src/modules/resource_booking/migrations/Migration20261122030750.ts builds:
 * tables and columns (types, nullability), indexes (unique, method, columns,
 * partial predicate), constraints (CHECK / FK / PK by name and definition),
 * triggers and functions. Prints a summary and the rows per table.
 *
 *   npx medusa exec ./scripts/verify-schema.ts      (or: npm run verify-schema)
 *
 * Exits 1 on any mismatch. Objects the migration does not know (an extra
 * index, column or trigger) are reported as warnings: update this list when a
 * later migration adds them.
 */
import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

// ---------------------------------------------------------------- expected

const TS = "timestamp with time zone"
const COMMON = { created_at: `${TS}!`, updated_at: `${TS}!`, deleted_at: TS }

/** column -> type; a trailing "!" means NOT NULL. */
const TABLES: Record<string, Record<string, string>> = {
  resource: {
    id: "text!",
    type: "text!",
    name: "text!",
    description: "text",
    metadata: "jsonb",
    is_active: "boolean!",
    ...COMMON,
  },
  resource_capacity: {
    id: "text!",
    resource_id: "text!",
    date: "date!",
    max_capacity: "integer!",
    available_capacity: "integer!",
    ...COMMON,
  },
  resource_hold: {
    id: "text!",
    resource_id: "text!",
    dates: "date[]!",
    quantity: "integer!",
    customer_email: "text!",
    idempotency_token: "text!",
    status: "text!",
    expires_at: `${TS}!`,
    confirmed_at: TS,
    metadata: "jsonb",
    ...COMMON,
  },
  resource_allocation: {
    id: "text!",
    resource_id: "text!",
    hold_id: "text",
    order_id: "text!",
    line_item_id: "text!",
    dates: "date[]!",
    quantity: "integer!",
    status: "text!",
    capacity_deducted: "boolean!",
    needs_review: "boolean!",
    review_reason: "text",
    canceled_at: TS,
    metadata: "jsonb",
    ...COMMON,
  },
  resource_blackout: {
    id: "text!",
    resource_id: "text!",
    start_date: "date!",
    end_date: "date!",
    reason: "text",
    ...COMMON,
  },
  resource_capacity_audit: {
    id: "text!",
    capacity_id: "text!",
    resource_id: "text!",
    date: "date!",
    old_available: "integer",
    new_available: "integer",
    old_max: "integer",
    new_max: "integer",
    change_reason: "text!",
    hold_id: "text",
    allocation_id: "text",
    actor_id: "text",
    changed_at: `${TS}!`,
    ...COMMON,
  },
}

type IndexSpec = { table: string; columns: string; unique?: boolean; method?: string; where?: string }
const NOT_DELETED = "(deleted_at IS NULL)"
const ACTIVE = "(status = 'ACTIVE'::text)"

const INDEXES: Record<string, IndexSpec> = {
  // resource
  resource_pkey: { table: "resource", columns: "id", unique: true },
  IDX_resource_deleted_at: { table: "resource", columns: "deleted_at", where: NOT_DELETED },
  idx_resource_name_unique: { table: "resource", columns: "name", unique: true, where: NOT_DELETED },
  idx_resource_type: { table: "resource", columns: "type", where: NOT_DELETED },
  idx_resource_active: { table: "resource", columns: "is_active", where: NOT_DELETED },
  // resource_capacity
  resource_capacity_pkey: { table: "resource_capacity", columns: "id", unique: true },
  IDX_resource_capacity_deleted_at: { table: "resource_capacity", columns: "deleted_at", where: NOT_DELETED },
  idx_capacity_resource_date: { table: "resource_capacity", columns: "resource_id,date", unique: true },
  idx_capacity_available: { table: "resource_capacity", columns: "resource_id,date", where: "(available_capacity > 0)" },
  // resource_hold
  resource_hold_pkey: { table: "resource_hold", columns: "id", unique: true },
  IDX_resource_hold_deleted_at: { table: "resource_hold", columns: "deleted_at", where: NOT_DELETED },
  idx_hold_idempotency: { table: "resource_hold", columns: "idempotency_token", unique: true },
  idx_hold_resource: { table: "resource_hold", columns: "resource_id,status" },
  idx_hold_customer: { table: "resource_hold", columns: "customer_email,status" },
  idx_hold_expiration: { table: "resource_hold", columns: "expires_at,status", where: ACTIVE },
  idx_hold_active_resource: { table: "resource_hold", columns: "resource_id,expires_at", where: ACTIVE },
  // resource_allocation
  resource_allocation_pkey: { table: "resource_allocation", columns: "id", unique: true },
  IDX_resource_allocation_deleted_at: { table: "resource_allocation", columns: "deleted_at", where: NOT_DELETED },
  idx_allocation_order_line_item: { table: "resource_allocation", columns: "order_id,line_item_id", unique: true },
  idx_allocation_resource: { table: "resource_allocation", columns: "resource_id" },
  idx_allocation_order: { table: "resource_allocation", columns: "order_id" },
  idx_allocation_dates: { table: "resource_allocation", columns: "dates", method: "gin" },
  idx_allocation_hold: { table: "resource_allocation", columns: "hold_id" },
  // resource_blackout
  resource_blackout_pkey: { table: "resource_blackout", columns: "id", unique: true },
  IDX_resource_blackout_deleted_at: { table: "resource_blackout", columns: "deleted_at", where: NOT_DELETED },
  idx_blackout_resource: { table: "resource_blackout", columns: "resource_id", where: NOT_DELETED },
  idx_blackout_dates: { table: "resource_blackout", columns: "resource_id,start_date,end_date", where: NOT_DELETED },
  // resource_capacity_audit
  resource_capacity_audit_pkey: { table: "resource_capacity_audit", columns: "id", unique: true },
  IDX_resource_capacity_audit_deleted_at: { table: "resource_capacity_audit", columns: "deleted_at", where: NOT_DELETED },
  idx_capacity_audit_resource_date: { table: "resource_capacity_audit", columns: "resource_id,date" },
}

/** name -> [table, pg_get_constraintdef()] */
const CONSTRAINTS: Record<string, [string, string]> = {
  // primary keys
  resource_pkey: ["resource", "PRIMARY KEY (id)"],
  resource_capacity_pkey: ["resource_capacity", "PRIMARY KEY (id)"],
  resource_hold_pkey: ["resource_hold", "PRIMARY KEY (id)"],
  resource_allocation_pkey: ["resource_allocation", "PRIMARY KEY (id)"],
  resource_blackout_pkey: ["resource_blackout", "PRIMARY KEY (id)"],
  resource_capacity_audit_pkey: ["resource_capacity_audit", "PRIMARY KEY (id)"],
  // foreign keys (ON DELETE rules of 000)
  resource_capacity_resource_id_foreign: ["resource_capacity", "FOREIGN KEY (resource_id) REFERENCES resource(id) ON DELETE CASCADE"],
  resource_blackout_resource_id_foreign: ["resource_blackout", "FOREIGN KEY (resource_id) REFERENCES resource(id) ON DELETE CASCADE"],
  resource_hold_resource_id_foreign: ["resource_hold", "FOREIGN KEY (resource_id) REFERENCES resource(id) ON DELETE RESTRICT"],
  resource_allocation_resource_id_foreign: ["resource_allocation", "FOREIGN KEY (resource_id) REFERENCES resource(id) ON DELETE RESTRICT"],
  resource_allocation_hold_id_foreign: ["resource_allocation", "FOREIGN KEY (hold_id) REFERENCES resource_hold(id) ON DELETE RESTRICT"],
  // checks
  chk_resource_type: ["resource", "CHECK ((type = ANY (ARRAY['VEHICLE'::text, 'TOUR'::text, 'GUIDE'::text])))"],
  chk_capacity_positive: ["resource_capacity", "CHECK ((max_capacity >= 0))"],
  chk_available_positive: ["resource_capacity", "CHECK ((available_capacity >= 0))"],
  chk_available_lte_max: ["resource_capacity", "CHECK ((available_capacity <= max_capacity))"],
  chk_hold_status: ["resource_hold", "CHECK ((status = ANY (ARRAY['ACTIVE'::text, 'CONFIRMED'::text, 'RELEASED'::text, 'EXPIRED'::text])))"],
  chk_hold_quantity_positive: ["resource_hold", "CHECK ((quantity > 0))"],
  chk_hold_dates_not_empty: ["resource_hold", "CHECK ((cardinality(dates) > 0))"],
  chk_allocation_quantity_positive: ["resource_allocation", "CHECK ((quantity > 0))"],
  chk_allocation_dates_not_empty: ["resource_allocation", "CHECK ((cardinality(dates) > 0))"],
  chk_allocation_canceled_at: ["resource_allocation", "CHECK (((status = 'CANCELED'::text) = (canceled_at IS NOT NULL)))"],
  chk_allocation_review_reason: ["resource_allocation", "CHECK (((NOT needs_review) OR (review_reason IS NOT NULL)))"],
  resource_allocation_status_check: ["resource_allocation", "CHECK ((status = ANY (ARRAY['ACTIVE'::text, 'CANCELED'::text])))"],
  chk_blackout_date_order: ["resource_blackout", "CHECK ((end_date >= start_date))"],
  resource_capacity_audit_change_reason_check: [
    "resource_capacity_audit",
    "CHECK ((change_reason = ANY (ARRAY['HOLD'::text, 'RELEASE'::text, 'EXPIRE'::text, 'CONFIRM'::text, 'ADJUST'::text, 'CANCEL'::text])))",
  ],
}

/** name -> [table, "BEFORE UPDATE" | "AFTER UPDATE", function] (all FOR EACH ROW) */
const TRIGGERS: Record<string, [string, string, string]> = {
  trg_resource_updated_at: ["resource", "BEFORE UPDATE", "update_updated_at_column"],
  trg_capacity_updated_at: ["resource_capacity", "BEFORE UPDATE", "update_updated_at_column"],
  trg_hold_updated_at: ["resource_hold", "BEFORE UPDATE", "update_updated_at_column"],
  trg_allocation_updated_at: ["resource_allocation", "BEFORE UPDATE", "update_updated_at_column"],
  trg_blackout_updated_at: ["resource_blackout", "BEFORE UPDATE", "update_updated_at_column"],
  trg_audit_capacity_change: ["resource_capacity", "AFTER UPDATE", "audit_capacity_change"],
}

/** name -> [argument types, result type] */
const FUNCTIONS: Record<string, [string, string]> = {
  update_updated_at_column: ["", "trigger"],
  audit_capacity_change: ["", "trigger"],
  get_resource_date_lock_id: ["p_resource_id character varying, p_date date", "bigint"],
  get_resource_lock_id: ["p_resource_id character varying", "bigint"],
  resource_booking_apply_capacity_movements: [
    "p_resource_id text, p_reason text, p_actor_id text, p_movements jsonb",
    "integer",
  ],
  resource_booking_try_create_hold: [
    "p_lock_key bigint, p_resource_id text, p_dates date[], p_quantity integer, p_token text, p_hold_id text, p_email text, p_ttl_seconds numeric, p_metadata jsonb",
    "TABLE(verdict text, existing_hold_id text, days jsonb, id text, resource_id text, dates text[], quantity integer, customer_email text, status text, expires_at timestamp with time zone, confirmed_at timestamp with time zone, metadata jsonb, created_at timestamp with time zone, updated_at timestamp with time zone)",
  ],
}

const MIGRATIONS = ["Migration20261122030750", "Migration20261122041500"]

// ---------------------------------------------------------------- checks

export default async function verifySchema({ container }: ExecArgs) {
  const knex: any = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const rows = async (sql: string, params: unknown[] = []) => (await knex.raw(sql, params)).rows as any[]

  const errors: string[] = []
  const warnings: string[] = []
  const out = (line = "") => console.log(line)
  const section = (title: string) => {
    out("")
    out(title)
    out("-".repeat(72))
  }
  const mark = (ok: boolean) => (ok ? "✓" : "✗")
  const tableNames = Object.keys(TABLES)

  out("")
  out("resource_booking schema verification")
  out("=".repeat(72))

  // Tables and columns
  const columnRows = await rows(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname = ANY(?)
        AND a.attnum > 0 AND NOT a.attisdropped`,
    [tableNames]
  )
  const rowCounts: Record<string, number> = {}
  let tablesOk = 0
  section("Tables")
  for (const table of tableNames) {
    const actual = columnRows.filter((r) => r.table === table)
    if (!actual.length) {
      errors.push(`table ${table} is missing`)
      out(`✗ ${table.padEnd(26)} missing`)
      continue
    }
    const tableErrors: string[] = []
    for (const [column, spec] of Object.entries(TABLES[table])) {
      const wantNotNull = spec.endsWith("!")
      const wantType = spec.replace(/!$/, "")
      const col = actual.find((r) => r.column === column)
      if (!col) {
        tableErrors.push(`${table}.${column} is missing`)
      } else if (col.type !== wantType) {
        tableErrors.push(`${table}.${column} is ${col.type}, expected ${wantType}`)
      } else if (col.not_null !== wantNotNull) {
        tableErrors.push(`${table}.${column} is ${col.not_null ? "NOT NULL" : "nullable"}, expected ${wantNotNull ? "NOT NULL" : "nullable"}`)
      }
    }
    for (const col of actual) {
      if (!(col.column in TABLES[table])) warnings.push(`${table}.${col.column} (${col.type}) is not in the expected list`)
    }
    const [{ count }] = await rows(`SELECT count(*)::int AS count FROM "${table}"`)
    rowCounts[table] = count
    errors.push(...tableErrors)
    if (!tableErrors.length) tablesOk++
    out(`${mark(!tableErrors.length)} ${table.padEnd(26)} | Columns: ${String(actual.length).padStart(2)} | Rows: ${count}`)
    for (const e of tableErrors) out(`    ✗ ${e}`)
  }

  // Indexes
  const indexRows = await rows(
    `SELECT i.relname AS name, t.relname AS table, ix.indisunique AS unique, am.amname AS method,
            (SELECT string_agg(a.attname, ',' ORDER BY k.n)
               FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, n)
               JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns,
            pg_get_expr(ix.indpred, ix.indrelid) AS predicate
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_am am ON am.oid = i.relam
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND t.relname = ANY(?)`,
    [tableNames]
  )
  let indexesOk = 0
  section("Indexes")
  for (const [name, spec] of Object.entries(INDEXES)) {
    const idx = indexRows.find((r) => r.name === name)
    const problems: string[] = []
    if (!idx) {
      problems.push("missing")
    } else {
      if (idx.table !== spec.table) problems.push(`on ${idx.table}, expected ${spec.table}`)
      if (idx.columns !== spec.columns) problems.push(`columns (${idx.columns}), expected (${spec.columns})`)
      if (idx.unique !== !!spec.unique) problems.push(spec.unique ? "not unique" : "unexpectedly unique")
      if (idx.method !== (spec.method ?? "btree")) problems.push(`uses ${idx.method}, expected ${spec.method ?? "btree"}`)
      if ((idx.predicate ?? null) !== (spec.where ?? null)) {
        problems.push(`predicate ${idx.predicate ?? "none"}, expected ${spec.where ?? "none"}`)
      }
    }
    if (problems.length) {
      errors.push(`index ${name}: ${problems.join("; ")}`)
      out(`✗ ${name}: ${problems.join("; ")}`)
    } else {
      indexesOk++
    }
  }
  for (const idx of indexRows) {
    if (!(idx.name in INDEXES)) warnings.push(`index ${idx.name} on ${idx.table} is not in the expected list`)
  }
  const kinds = {
    unique: Object.values(INDEXES).filter((s) => s.unique).length,
    partial: Object.values(INDEXES).filter((s) => s.where).length,
    gin: Object.values(INDEXES).filter((s) => s.method === "gin").length,
  }
  out(`${mark(indexesOk === Object.keys(INDEXES).length)} ${indexesOk}/${Object.keys(INDEXES).length} indexes (${kinds.unique} unique incl. primary keys, ${kinds.partial} partial, ${kinds.gin} GIN)`)

  // Constraints
  const constraintRows = await rows(
    `SELECT con.conname AS name, t.relname AS table, con.contype AS type, pg_get_constraintdef(con.oid) AS definition
       FROM pg_constraint con
       JOIN pg_class t ON t.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND t.relname = ANY(?)`,
    [tableNames]
  )
  let constraintsOk = 0
  section("Constraints")
  for (const [name, [table, definition]] of Object.entries(CONSTRAINTS)) {
    const con = constraintRows.find((r) => r.name === name)
    let problem = ""
    if (!con) problem = "missing"
    else if (con.table !== table) problem = `on ${con.table}, expected ${table}`
    else if (con.definition !== definition) problem = `is ${con.definition}, expected ${definition}`
    if (problem) {
      errors.push(`constraint ${name} ${problem}`)
      out(`✗ ${name} ${problem}`)
    } else {
      constraintsOk++
    }
  }
  for (const con of constraintRows) {
    if (!(con.name in CONSTRAINTS)) warnings.push(`constraint ${con.name} on ${con.table} is not in the expected list`)
  }
  const byType = (t: string) => Object.values(CONSTRAINTS).filter(([, d]) => d.startsWith(t)).length
  const notNullCount = Object.values(TABLES)
    .flatMap((cols) => Object.values(cols))
    .filter((s) => s.endsWith("!")).length
  out(
    `${mark(constraintsOk === Object.keys(CONSTRAINTS).length)} ${constraintsOk}/${Object.keys(CONSTRAINTS).length} named constraints ` +
      `(${byType("CHECK")} CHECK, ${byType("FOREIGN KEY")} FOREIGN KEY, ${byType("PRIMARY KEY")} PRIMARY KEY), ` +
      `${Object.entries(INDEXES).filter(([n, s]) => s.unique && !n.endsWith("_pkey")).length} UNIQUE indexes, ${notNullCount} NOT NULL columns`
  )

  // Triggers
  const triggerRows = await rows(
    `SELECT tg.tgname AS name, t.relname AS table, tg.tgtype AS type, p.proname AS function, tg.tgenabled AS enabled
       FROM pg_trigger tg
       JOIN pg_class t ON t.oid = tg.tgrelid
       JOIN pg_proc p ON p.oid = tg.tgfoid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE NOT tg.tgisinternal AND n.nspname = current_schema() AND t.relname = ANY(?)`,
    [tableNames]
  )
  let triggersOk = 0
  section("Triggers")
  for (const [name, [table, timing, fn]] of Object.entries(TRIGGERS)) {
    const tg = triggerRows.find((r) => r.name === name)
    let problem = ""
    if (!tg) {
      problem = "missing"
    } else {
      // tgtype bits: 1 = ROW, 2 = BEFORE, 4 = INSERT, 8 = DELETE, 16 = UPDATE
      const actualTiming = `${tg.type & 2 ? "BEFORE" : "AFTER"} ${[tg.type & 4 && "INSERT", tg.type & 8 && "DELETE", tg.type & 16 && "UPDATE"].filter(Boolean).join(" OR ")}`
      if (tg.table !== table) problem = `on ${tg.table}, expected ${table}`
      else if (!(tg.type & 1)) problem = "is not FOR EACH ROW"
      else if (actualTiming !== timing) problem = `fires ${actualTiming}, expected ${timing}`
      else if (tg.function !== fn) problem = `runs ${tg.function}, expected ${fn}`
      else if (tg.enabled === "D") problem = "is disabled"
    }
    if (problem) {
      errors.push(`trigger ${name} ${problem}`)
      out(`✗ ${name} ${problem}`)
    } else {
      triggersOk++
      out(`✓ ${name.padEnd(28)} ${timing} ON ${table} -> ${fn}()`)
    }
  }
  for (const tg of triggerRows) {
    if (!(tg.name in TRIGGERS)) warnings.push(`trigger ${tg.name} on ${tg.table} is not in the expected list`)
  }

  // Functions
  const functionRows = await rows(
    `SELECT p.proname AS name, pg_get_function_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS result
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = current_schema() AND p.proname = ANY(?)`,
    [Object.keys(FUNCTIONS)]
  )
  let functionsOk = 0
  section("Functions")
  for (const [name, [args, result]] of Object.entries(FUNCTIONS)) {
    const fn = functionRows.find((r) => r.name === name && r.args === args)
    if (!fn) {
      const other = functionRows.find((r) => r.name === name)
      const problem = other ? `has arguments (${other.args}), expected (${args})` : "missing"
      errors.push(`function ${name} ${problem}`)
      out(`✗ ${name} ${problem}`)
    } else if (fn.result !== result) {
      errors.push(`function ${name} returns ${fn.result}, expected ${result}`)
      out(`✗ ${name} returns ${fn.result}, expected ${result}`)
    } else {
      functionsOk++
      out(`✓ ${name}(${args}) -> ${result}`)
    }
  }
  // The lock-key functions must be deterministic and distinct per input.
  if (functionsOk === Object.keys(FUNCTIONS).length) {
    const [r] = await rows(
      `SELECT get_resource_date_lock_id('res_x', '2025-01-15') AS a,
              get_resource_date_lock_id('res_x', '2025-01-15') AS b,
              get_resource_date_lock_id('res_x', '2025-01-16') AS c,
              get_resource_lock_id('res_x') AS d, get_resource_lock_id('res_y') AS e`
    )
    if (r.a !== r.b || r.a === r.c || r.d === r.e) {
      errors.push("lock-key functions are not deterministic / distinct")
      out("✗ lock-key functions are not deterministic / distinct")
    }
  }

  // Migration recorded
  const migrationRows = await rows(`SELECT name FROM mikro_orm_migrations WHERE name = ANY(?)`, [MIGRATIONS]).catch(
    () => []
  )
  for (const name of MIGRATIONS) {
    if (!migrationRows.some((row) => row.name === name)) {
      warnings.push(`migration ${name} is not recorded in mikro_orm_migrations`)
    }
  }

  // Summary
  const total = Object.values(rowCounts).reduce((a, b) => a + b, 0)
  section("Summary")
  out(`Tables:      ${tablesOk}/${tableNames.length}`)
  out(`Indexes:     ${indexesOk}/${Object.keys(INDEXES).length}`)
  out(`Triggers:    ${triggersOk}/${Object.keys(TRIGGERS).length}`)
  out(`Functions:   ${functionsOk}/${Object.keys(FUNCTIONS).length}`)
  out(`Constraints: ${constraintsOk}/${Object.keys(CONSTRAINTS).length} named (plus ${notNullCount} NOT NULL columns)`)
  out(`Rows:        ${tableNames.map((t) => `${t}=${rowCounts[t] ?? "-"}`).join(", ")} (total ${total})`)
  for (const w of warnings) out(`warning: ${w}`)
  out("")
  if (errors.length) {
    out(`✗ Schema verification FAILED: ${errors.length} mismatch(es)`)
    for (const e of errors) out(`  - ${e}`)
    process.exitCode = 1
    throw new Error(`resource_booking schema verification failed (${errors.length} mismatches)`)
  }
  out("✓ Schema verification passed")
}
