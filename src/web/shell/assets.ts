/** The stylesheet and the one small script of the web pages, served from /assets with a content hash. */

export const CSS = `
:root {
  --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --bg: #ffffff; --soft: #f6f8fa;
  --brand: #0a3069; --link: #0550ae; --focus: #bf8700; --ok: #1a7f37; --bad: #a40e26;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei",
    "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif;
  color: var(--ink); background: var(--bg); line-height: 1.5;
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--link); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; top: .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header.site { background: var(--brand); color: #fff; }
header.site a { color: #fff; }
.bar { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .5rem;
  max-width: 72rem; margin: 0 auto; padding: .6rem 1rem; }
.brand { text-decoration: none; display: flex; flex-direction: column; }
.brand-name { font-weight: 700; font-size: 1.25rem; }
.brand-tag { font-size: .85rem; }
nav.lang { display: flex; gap: .75rem; }
nav.lang a[aria-current] { font-weight: 700; text-decoration: none; border-bottom: 2px solid #fff; }
.main-nav { background: #0b2a55; }
.main-nav ul { list-style: none; margin: 0 auto; padding: 0 1rem; max-width: 72rem; display: flex; flex-wrap: wrap; gap: 0 1.25rem; align-items: center; }
.main-nav li { padding: .45rem 0; }
.main-nav a[aria-current] { font-weight: 700; text-decoration-thickness: 3px; }
.main-nav .session { margin-left: auto; }
.main-nav .who { font-size: .9rem; }
button.link { background: none; border: 0; color: #fff; text-decoration: underline; padding: 0; font: inherit; cursor: pointer; min-height: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
main.narrow { max-width: 46rem; }
footer.site { border-top: 1px solid var(--line); color: var(--muted); padding: 1rem; max-width: 72rem; margin: 0 auto; font-size: .9rem; }
footer.site a { color: var(--link); }
h1 { font-size: 1.75rem; line-height: 1.25; margin: .5rem 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }
.lead { font-size: 1.05rem; max-width: 50rem; }
.hint { color: var(--muted); font-size: .9rem; margin: .25rem 0; }
.crumbs { margin: 0; font-size: .9rem; }
code, .code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .92em; }
code.hash { word-break: break-all; display: inline-block; }
input, select, textarea, button { font: inherit; }
input, select, textarea { border: 1px solid #6e7781; border-radius: 6px; padding: .45rem .6rem; background: #fff; color: var(--ink); max-width: 100%; }
textarea { width: 100%; }
textarea.code { font-size: .85rem; }
button, .button { display: inline-block; background: var(--brand); color: #fff; border: 1px solid var(--brand); border-radius: 6px;
  padding: .5rem 1rem; cursor: pointer; text-decoration: none; min-height: 44px; }
button.small { padding: .2rem .6rem; min-height: 32px; font-size: .9rem; }
button.danger { background: var(--bad); border-color: var(--bad); }
.button { line-height: 1.6; margin: .15rem 0; }
.field { display: flex; flex-direction: column; gap: .25rem; margin-bottom: .75rem; }
.field label { font-weight: 600; }
.stack { max-width: 46rem; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1rem; padding: .5rem 1rem; }
legend { font-weight: 600; padding: 0 .25rem; }
.choice { display: flex; gap: .5rem; align-items: center; margin: .35rem 0; }
.choice input { width: 1.2rem; height: 1.2rem; }
form.inline { display: inline; margin: 0; }
.search { max-width: 46rem; margin: 1rem 0; }
.search label { font-weight: 600; display: block; margin-bottom: .25rem; }
.search-row { display: flex; gap: .5rem; }
.search-row input { flex: 1; min-width: 0; font-size: 1.1rem; }
.results { padding-left: 1.2rem; }
.results li { margin: .3rem 0; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; background: var(--soft); padding: .75rem 1rem; border-radius: 6px; }
.filters .field { margin: 0; }
.grid-form { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .5rem 1rem; align-items: end; }
.flash { border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; border: 1px solid; }
.flash p { margin: .25rem 0; }
.flash-ok { background: #dafbe1; border-color: var(--ok); }
.flash-error { background: #ffebe9; border-color: var(--bad); }
.usci-chars { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 1.3rem; letter-spacing: .12em; }
.usci-chars mark { background: #a40e26; color: #fff; padding: 0 .1em; border-radius: 3px; }
.table-box { overflow-x: auto; margin: .5rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--soft); font-weight: 600; white-space: nowrap; }
td time, td.nowrap { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.basis { font-size: .85rem; color: var(--muted); min-width: 14rem; }
tr.overdue td { background: #fff8c5; }
tr.changed th, tr.changed td { background: #fff8c5; }
.tag { display: inline-block; font-size: .8rem; font-weight: 600; border: 1px solid var(--line); border-radius: 999px; padding: 0 .5rem; color: var(--muted); vertical-align: middle; }
.tag-alert { color: var(--bad); border-color: var(--bad); }
.grade { display: inline-block; min-width: 2.6rem; text-align: center; font-weight: 700; color: #fff; border-radius: 6px; padding: .1rem .45rem; background: #57606a; }
.grade-AAA { background: #0f5f2e; } .grade-AA { background: #1a7f37; } .grade-A { background: #2d6a14; }
.grade-B { background: #7d4e00; } .grade-C { background: #a33b00; } .grade-D { background: #a40e26; }
.score { font-size: 1.4rem; }
.big-score { font-size: 1.3rem; display: flex; flex-wrap: wrap; align-items: center; gap: .6rem; }
.who-am-i { color: var(--muted); font-size: 1rem; }
dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .3rem 1rem; margin: .5rem 0; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
.entry { border: 1px solid var(--line); border-left: 6px solid #24292f; border-radius: 6px; padding: .5rem 1rem; margin: .75rem 0; }
.entry-red { border-left-color: #cf222e; } .entry-warning { border-left-color: #bf8700; }
.entry h3 { margin: .25rem 0 .5rem; }
ul.explain { list-style: none; padding: 0; }
ul.explain li { padding: .3rem .6rem; border-left: 4px solid var(--line); margin: .25rem 0; background: var(--soft); }
ul.explain li.neg { border-left-color: var(--bad); }
ul.explain li.pos { border-left-color: var(--ok); }
ul.plain { list-style: none; padding: 0; margin: 0; }
.actions { margin: .25rem 0 1rem; }
blockquote.statement { border-left: 4px solid var(--line); margin: .5rem 0; padding: .5rem 1rem; background: var(--soft); white-space: pre-wrap; }
figure.chart { margin: 1rem 0 1.5rem; }
figure.chart figcaption { font-weight: 600; margin-bottom: .25rem; }
.chart-svg { width: 100%; height: auto; max-width: 760px; display: block; }
h3.chart-sub { font-size: 1rem; }
ol.events { padding-left: 1.5rem; }
ol.events li { margin: .2rem 0; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .9rem; margin: .25rem 0; }
.swatch { vertical-align: -1px; }
details { margin: .25rem 0; }
summary { cursor: pointer; color: var(--link); }
.two-col { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); gap: 0 2rem; }
dl.stats { display: flex; flex-wrap: wrap; gap: 1rem; }
dl.stats div { border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; min-width: 10rem; }
dl.stats dt { color: var(--muted); font-size: .9rem; }
dl.stats dd { margin: 0; font-size: 1.6rem; font-weight: 700; }
.pager { display: flex; flex-wrap: wrap; gap: .5rem; margin: 1rem 0; }
.pager a { padding: .35rem .7rem; border: 1px solid var(--line); border-radius: 6px; text-decoration: none; }
.pager a[aria-current] { background: var(--brand); color: #fff; border-color: var(--brand); }
pre.diff { font-size: .82rem; line-height: 1.35; margin: 0; padding: .5rem; background: var(--soft); }
pre.diff .add { background: #dafbe1; display: block; }
pre.diff .del { background: #ffebe9; display: block; }
pre.diff .gap { color: var(--muted); display: block; }
.new-token code { font-size: 1rem; }
.js-only { display: none; }
.js .js-only { display: inline-block; }
.cards ul { padding-left: 1.2rem; }
ul.changes { list-style: none; padding: 0; }
ul.changes li { padding: .15rem .5rem; margin: .15rem 0; border-left: 4px solid var(--line); overflow-wrap: anywhere; }
ul.changes li.change-added { border-left-color: var(--ok); }
ul.changes li.change-removed { border-left-color: var(--bad); }
ul.changes li.change-changed { border-left-color: var(--focus); }
.actions-row { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-end; margin: 1rem 0; }
.actions-row form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
button.secondary { background: #fff; color: var(--brand); }
@media (max-width: 40rem) {
  h1 { font-size: 1.45rem; }
  dl.facts { grid-template-columns: 1fr; gap: 0; }
  dl.facts dd { margin-bottom: .5rem; }
  .main-nav .session { margin-left: 0; }
  .search-row { flex-direction: column; }
}
`;

/** Progressive enhancement only: every page works without it. Copies a new token; confirms an activation. */
export const JS = `
document.documentElement.classList.add('js');
document.addEventListener('click', function (e) {
  var b = e.target.closest && e.target.closest('[data-copy]');
  if (!b) return;
  var el = document.getElementById(b.getAttribute('data-copy'));
  if (el && navigator.clipboard) navigator.clipboard.writeText(el.textContent.trim()).then(function () {
    b.textContent = '\\u2713';
  });
});
document.addEventListener('submit', function (e) {
  var msg = e.target.getAttribute && e.target.getAttribute('data-confirm');
  if (msg && !window.confirm(msg)) e.preventDefault();
});
`;

/** A plain mark for the browser tab. */
export const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0a3069"/><path d="M11 4.5a4.5 4.5 0 1 0 0 7" stroke="#fff" stroke-width="2" fill="none"/></svg>';
