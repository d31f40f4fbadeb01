/**
 * The widget's stylesheet, inside its Shadow DOM. Every colour, the font and
 * the radius come from CSS custom properties that a host page may set on the
 * element (they inherit through the shadow boundary), e.g.
 *   resource-booking-widget { --rbw-accent: #0b6e4f; --rbw-radius: 4px; }
 */
export const STYLES = `
:host {
  --_accent: var(--rbw-accent, #1d4ed8);
  --_accent-text: var(--rbw-accent-text, #ffffff);
  --_text: var(--rbw-text, #111827);
  --_muted: var(--rbw-muted, #4b5563);
  --_bg: var(--rbw-background, #ffffff);
  --_surface: var(--rbw-surface, #f3f4f6);
  --_border: var(--rbw-border, #d1d5db);
  --_unavailable: var(--rbw-unavailable, #9ca3af);
  --_unavailable-bg: var(--rbw-unavailable-background, #f3f4f6);
  --_selected: var(--rbw-selected, var(--_accent));
  --_selected-text: var(--rbw-selected-text, var(--_accent-text));
  --_error: var(--rbw-error, #b91c1c);
  --_error-bg: var(--rbw-error-background, #fef2f2);
  --_ok: var(--rbw-success, #047857);
  --_ok-bg: var(--rbw-success-background, #ecfdf5);
  --_focus: var(--rbw-focus-ring, #f59e0b);
  --_radius: var(--rbw-radius, 8px);
  display: block;
  max-width: var(--rbw-max-width, 30rem);
  font-family: var(--rbw-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: var(--rbw-font-size, 16px);
  line-height: 1.4;
  color: var(--_text);
  overflow-wrap: anywhere;
}
* { box-sizing: border-box; }
.root { background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 1rem; }
h2, h3 { margin: 0 0 .5rem; font-size: 1.05em; }
p { margin: .25rem 0; }
.price { color: var(--_muted); margin-bottom: .75rem; }
.nav { display: flex; align-items: center; justify-content: space-between; gap: .5rem; margin-bottom: .5rem; }
.nav h3 { margin: 0; text-align: center; flex: 1; }
button {
  font: inherit; cursor: pointer; border-radius: var(--_radius); border: 1px solid var(--_border);
  background: var(--_bg); color: var(--_text); padding: .55rem .9rem; min-height: 44px;
}
button.primary { background: var(--_accent); border-color: var(--_accent); color: var(--_accent-text); font-weight: 600; }
button:disabled { cursor: not-allowed; opacity: .55; }
button:focus-visible, input:focus-visible, td[role="gridcell"]:focus-visible {
  outline: 3px solid var(--_focus); outline-offset: 2px;
}
table { width: 100%; border-collapse: separate; border-spacing: 3px; table-layout: fixed; }
th { font-size: .8em; font-weight: 600; color: var(--_muted); padding: .2rem 0; }
th abbr { text-decoration: none; }
td { padding: 0; }
td[role="gridcell"] {
  text-align: center; height: 2.75rem; border-radius: var(--_radius); cursor: pointer; user-select: none;
  border: 1px solid var(--_border); background: var(--_bg); position: relative;
}
td[role="gridcell"] .day { display: block; font-weight: 600; }
td[role="gridcell"] .left { display: block; font-size: .68em; color: var(--_muted); }
td[role="gridcell"] .cell-price { display: block; font-size: .62em; font-variant-numeric: tabular-nums; }
td[role="gridcell"][aria-disabled="true"] {
  cursor: not-allowed; color: var(--_unavailable); background: var(--_unavailable-bg); border-style: dashed;
}
td[role="gridcell"][aria-disabled="true"] .left { color: var(--_unavailable); }
td[data-reason="SOLD_OUT"] .day, td[data-reason="BLACKOUT"] .day { text-decoration: line-through; }
td[role="gridcell"][aria-selected="true"] { background: var(--_selected); color: var(--_selected-text); border-color: var(--_selected); }
td[role="gridcell"][aria-selected="true"] .left { color: var(--_selected-text); }
td[role="gridcell"][data-waitlist="true"] { border: 2px solid var(--_accent); border-style: dashed; color: var(--_text); }
td[data-today="true"] { box-shadow: inset 0 0 0 2px var(--_muted); }
.dateinfo { min-height: 1.4em; font-size: .9em; color: var(--_muted); margin: .25rem 0 .75rem; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem .9rem; font-size: .8em; color: var(--_muted); margin-bottom: .75rem; }
.swatch { display: inline-block; width: 1em; height: 1em; border-radius: 3px; vertical-align: -2px; border: 1px solid var(--_border); background: var(--_bg); }
.swatch.selected { background: var(--_selected); border-color: var(--_selected); }
.swatch.wait { border: 2px dashed var(--_accent); background: var(--_unavailable-bg); }
.swatch.off { background: var(--_unavailable-bg); border-style: dashed; border-color: var(--_unavailable); }
.row { display: flex; flex-wrap: wrap; align-items: end; gap: .75rem; margin: .5rem 0; }
label { display: block; font-size: .9em; font-weight: 600; margin-bottom: .2rem; }
input { font: inherit; padding: .5rem .6rem; border: 1px solid var(--_border); border-radius: var(--_radius); min-height: 44px; background: var(--_bg); color: var(--_text); }
input[type="number"] { width: 5rem; text-align: center; }
input[type="email"] { width: 100%; }
.field { flex: 1 1 12rem; }
.stepper { display: flex; gap: .25rem; align-items: center; }
.quantity { min-width: 0; }
.note { font-size: .9em; font-weight: 600; color: var(--_text); margin: .2rem 0 0; }
.note:empty { margin: 0; } /* a live region stays in the page (not display: none), empty and flat */
.departures { margin: .25rem 0 .75rem; }
.departure-list { display: flex; flex-direction: column; gap: .4rem; margin: .25rem 0; }
[role="radio"].departure {
  display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .1rem .75rem;
  min-height: 44px; padding: .5rem .75rem; border: 1px solid var(--_border); border-radius: var(--_radius);
  background: var(--_bg); cursor: pointer; user-select: none; position: relative;
}
[role="radio"].departure::before {
  content: ""; flex: none; width: 1.1em; height: 1.1em; border-radius: 50%; border: 2px solid var(--_muted); background: var(--_bg);
}
[role="radio"].departure .time { flex: 1 1 auto; font-weight: 600; font-variant-numeric: tabular-nums; }
[role="radio"].departure .left { font-size: .9em; color: var(--_muted); }
[role="radio"] .price { font-variant-numeric: tabular-nums; margin-left: auto; padding-left: .5em; }
[role="radio"].departure[aria-checked="true"] { border: 2px solid var(--_selected); background: var(--_surface); }
[role="radio"].departure[aria-checked="true"]::before { border-color: var(--_selected); background: var(--_selected); box-shadow: inset 0 0 0 3px var(--_bg); }
/* Not bookable: dashed and struck through, its words still readable (muted, not the pale unavailable grey). */
[role="radio"].departure[aria-disabled="true"] { cursor: not-allowed; color: var(--_muted); background: var(--_unavailable-bg); border-style: dashed; }
[role="radio"].departure[aria-disabled="true"]::before { border-color: var(--_unavailable); }
[role="radio"].departure[data-reason="SOLD_OUT"] .time { text-decoration: line-through; }
[role="radio"].departure[data-waitlist="true"] { border: 2px dashed var(--_accent); color: var(--_text); }
[role="radio"].departure:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
.slots { margin: .25rem 0 .75rem; }
.duration { margin: .25rem 0 .5rem; }
.duration select { font: inherit; min-height: 44px; padding: .3rem .5rem; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); color: var(--_text); }
.slot-list { display: grid; grid-template-columns: repeat(auto-fill, minmax(5.5rem, 1fr)); gap: .4rem; margin: .25rem 0; }
[role="radio"].slot {
  display: flex; flex-direction: column; align-items: center; justify-content: center; min-height: 44px; padding: .35rem .25rem;
  border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); cursor: pointer; user-select: none; min-width: 0;
}
[role="radio"].slot .time { font-weight: 600; font-variant-numeric: tabular-nums; }
[role="radio"].slot .left { font-size: .85em; color: var(--_muted); }
[role="radio"].slot .price { margin: 0; padding: 0; font-size: .85em; }
[role="radio"].slot[aria-checked="true"] { border: 2px solid var(--_selected); background: var(--_selected); color: var(--_selected-text); }
[role="radio"].slot[aria-checked="true"] .left { color: inherit; }
[role="radio"].slot[aria-disabled="true"] { cursor: not-allowed; }
[role="radio"].slot:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
.no-slots { border: 1px dashed var(--_border); border-radius: var(--_radius); padding: .6rem .75rem; background: var(--_unavailable-bg); font-weight: 600; }
.waitlist { border-top: 1px solid var(--_border); margin-top: .75rem; padding-top: .5rem; }
.summary { background: var(--_surface); border-radius: var(--_radius); padding: .6rem .75rem; margin: .75rem 0; }
.hint { font-size: .9em; color: var(--_muted); }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .75rem; }
.message { border-radius: var(--_radius); padding: .6rem .75rem; margin: .5rem 0; }
.message.error { color: var(--_error); background: var(--_error-bg); border: 1px solid var(--_error); }
.message.info { color: var(--_text); background: var(--_surface); border: 1px solid var(--_border); }
.message.ok { color: var(--_ok); background: var(--_ok-bg); border: 1px solid var(--_ok); }
.timer { font-size: 1.6em; font-variant-numeric: tabular-nums; font-weight: 700; }
.held { border: 2px solid var(--_accent); border-radius: var(--_radius); padding: .75rem; margin-top: .75rem; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
ul.dates { margin: .25rem 0; padding-left: 1.2rem; }
@media (max-width: 420px) {
  .root { padding: .6rem; }
  table { border-spacing: 2px; }
  td[role="gridcell"] { height: 2.6rem; }
  td[role="gridcell"] .left { font-size: .6em; }
  td[role="gridcell"] .cell-price { font-size: .55em; }
  .actions button { flex: 1 1 100%; }
  .timer { font-size: 1.3em; }
}
@media (max-width: 360px) {
  .root { padding: .4rem; }
  button { padding: .5rem .6rem; }
  table { border-spacing: 1px; }
  th { font-size: .7em; }
  td[role="gridcell"] .left { font-size: .55em; }
  td[role="gridcell"] .cell-price { font-size: .5em; }
  input[type="number"] { width: 3.5rem; }
}
`
