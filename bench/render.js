#!/usr/bin/env node
"use strict"
/** Prints bench/results.json (or the file named) as the Markdown used in docs/PERFORMANCE.md. */
const fs = require("fs")
const path = require("path")
const file = process.argv[2] || path.join(__dirname, "results.json")
const r = JSON.parse(fs.readFileSync(file, "utf8"))
const rows = [["scenario", "clients", "requests", "ops/s", "p50 ms", "p99 ms", "5xx", "oversold", "baseline ops/s", "ratio to baseline", "peer ops/s", "ratio to peer", "ratio to floor (checkout: to plain)", "server peak RSS MB"]]
for (const [name, s] of Object.entries(r.scenarios)) {
  rows.push([name, s.clients, s.requests, s.ops_per_s, s.p50_ms, s.p99_ms, s.errors_5xx, s.oversold, s.baseline?.ops_per_s ?? "–", s.ratio_to_baseline ?? "–", s.peer?.ops_per_s ?? "–", s.ratio_to_peer ?? "–", s.ratio_to_floor ?? s.ratio_to_plain ?? "–", s.peak_rss_mb ?? "–"])
}
const line = (cells) => `| ${cells.map((c) => String(c ?? "–")).join(" | ")} |`
console.log(line(rows[0]))
console.log(line(rows[0].map(() => "---")))
for (const row of rows.slice(1)) console.log(line(row))
for (const [name, why] of Object.entries(r.not_measured || {})) console.log(`\n${name}: ${why}`)
console.log(`\nGenerated ${r.generated_at} (${r.mode}); ${r.machine.cpus} CPUs (${r.machine.cpu_model}), Node ${r.machine.node}, PostgreSQL ${r.machine.postgres}; load average ${r.machine.load_avg_at_start.join(" / ")} at start, ${r.machine.load_avg_at_end.join(" / ")} at end; server RSS idle ${r.machine.server_rss_idle_mb ?? "?"} MB, after warm-up ${r.machine.server_rss_after_warmup_mb ?? "?"} MB.`)
console.log("\n| target | scenario | value | met |\n| --- | --- | --- | --- |")
for (const t of r.targets) console.log(`| ${t.target} | ${t.scenario} | ${t.value ?? "not measured"} | ${t.met === null ? "n/a" : t.met ? "met" : "**not met**"} |`)
