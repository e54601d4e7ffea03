/** The overlays' styles, inside their shadow roots only. `:host(.dark)` follows the portal's theme. */
export const STYLES = `
:host { all: initial; display: block; font: 14px/1.4 "Segoe UI", system-ui, sans-serif;
  --bg: #fff; --fg: #201f1e; --muted: #605e5c; --line: #d2d0ce; --accent: #0078d4; --accent-fg: #fff;
  --bad: #a4262c; --ok: #107c10; --warn: #8a5300; --soft: #f3f2f1; color: var(--fg); }
:host(.dark) { --bg: #1b1a19; --fg: #f3f2f1; --muted: #c8c6c4; --line: #484644; --accent: #2899f5;
  --accent-fg: #000; --bad: #f1707b; --ok: #92c353; --warn: #fce100; --soft: #292827; }
:host([data-remdesk$="-launcher"]) { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; }
* { box-sizing: border-box; }
.panel { background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 4px;
  padding: 12px 16px; margin: 8px 0; }
h2 { font-size: 16px; margin: 0 0 8px; }
.panel[aria-busy="true"]::after { content: "…"; color: var(--muted); }
h3 { font-size: 14px; margin: 12px 0 4px; }
button, select, input, textarea { font: inherit; color: var(--fg); background: var(--bg);
  border: 1px solid var(--line); border-radius: 2px; padding: 4px 8px; }
button { cursor: pointer; }
button.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
button:focus-visible, select:focus-visible, input:focus-visible, textarea:focus-visible, a:focus-visible {
  outline: 2px solid var(--accent); outline-offset: 1px; }
a { color: var(--accent); }
.dialog { position: fixed; top: 48px; right: 16px; width: min(520px, calc(100vw - 32px));
  max-height: calc(100vh - 64px); overflow: hidden auto; z-index: 2147483001; background: var(--bg);
  box-shadow: 0 6px 24px rgba(0,0,0,.3); border-radius: 4px; }
.dialog .panel { margin: 0; border: 0; }
.close { position: absolute; right: 8px; top: 8px; border: 0; background: transparent; font-size: 18px; }
label { display: block; margin: 8px 0 2px; font-weight: 600; }
label.inline { display: inline-flex; gap: 6px; align-items: center; font-weight: 400; margin: 2px 12px 2px 0; }
fieldset { border: 1px solid var(--line); margin: 8px 0; padding: 4px 8px; }
legend { font-weight: 600; }
textarea { width: 100%; min-height: 56px; }
.row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 6px 0; }
.muted { color: var(--muted); }
.error { color: var(--bad); }
.ok { color: var(--ok); }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; background: var(--soft); font-size: 12px; }
.badge.bad { background: var(--bad); color: var(--bg); }
ul.items { list-style: none; padding: 0; margin: 0; }
ul.items > li { border-top: 1px solid var(--line); padding: 8px 0; }
ul.items > li:first-child { border-top: 0; }
ul.items > li.selected { outline: 2px solid var(--accent); outline-offset: 2px; }
progress { width: 160px; height: 10px; vertical-align: middle; accent-color: var(--accent); }
.status { margin: 4px 0 8px; font-size: 12px; color: var(--muted); }
.notice { background: var(--soft); padding: 8px; white-space: pre-wrap; font-family: inherit; margin: 6px 0; }
ol.steps { margin: 4px 0; padding-left: 20px; }
select, input:not([type="checkbox"]):not([type="radio"]) { max-width: 100%; }
strong, .title, h3 { overflow-wrap: anywhere; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap; }
.badge.warn { background: var(--warn); color: var(--bg); }
.filters { align-items: flex-end; }
.filter label { margin: 0 0 2px; font-size: 12px; }
.table-region { overflow-x: auto; }
table.data { border-collapse: collapse; width: 100%; }
table.data th, table.data td { text-align: left; vertical-align: top; padding: 4px 6px;
  border-top: 1px solid var(--line); }
table.data thead th { border-top: 0; white-space: nowrap; font-size: 12px; }
table.data th[scope="row"] { font-weight: 400; }
button.sort, button.expand { border: 0; background: transparent; padding: 0; text-align: left; font-weight: 600; }
button.expand { font-weight: 400; }
table.data tr.details > td { background: var(--soft); }
table.data tr.selected > * { outline: 2px solid var(--accent); outline-offset: -2px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.requester-notes { white-space: pre-wrap; overflow-wrap: anywhere; }
.confirm-backdrop { position: fixed; inset: 0; z-index: 2147483002; background: rgba(0,0,0,.4);
  display: flex; align-items: center; justify-content: center; }
.confirm { background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 4px;
  padding: 12px 16px; width: min(420px, calc(100vw - 32px)); box-shadow: 0 6px 24px rgba(0,0,0,.4); }
.confirm h3 { margin-top: 0; }
.confirm-buttons { justify-content: flex-end; }
.warning { border-left: 3px solid var(--warn); padding: 4px 8px; background: var(--soft); }
.picker-list { list-style: none; margin: 4px 0; padding: 0; max-height: 240px; overflow: hidden auto;
  border: 1px solid var(--line); }
.picker-list button { display: flex; width: 100%; justify-content: space-between; gap: 8px; border: 0;
  border-radius: 0; text-align: left; overflow-wrap: anywhere; }
.picker-list button[aria-pressed="true"] { background: var(--soft); font-weight: 600; }
.picker-list .count { flex: none; color: var(--muted); }
.excepted { color: var(--muted); font-size: 12px; margin: 0 0 4px 24px; }
`;
