// A node:test reporter that prints, after the run, the test files that took longest and the run's wall time: the
// suite has to fit 10 minutes on 2 cores, and this says where its time goes.
const SHOWN = 8;

export default async function* slowest(source) {
  const started = Date.now();
  const files = [];
  for await (const e of source) {
    const d = e.data;
    // a file's own event is named by its path; its tests carry the path as `file`
    if (e.type === 'test:complete' && d?.file && d.name === d.file)
      files.push({ file: d.file, ms: d.details?.duration_ms ?? 0 });
  }
  files.sort((a, b) => b.ms - a.ms);
  const cwd = `${process.cwd()}/`;
  const sum = files.reduce((s, f) => s + f.ms, 0);
  yield `\nslowest test files (of ${files.length}, ${(sum / 1000).toFixed(0)} s in all; wall ${((Date.now() - started) / 1000).toFixed(0)} s):\n`;
  for (const f of files.slice(0, SHOWN))
    yield `  ${(f.ms / 1000).toFixed(1).padStart(6)} s  ${f.file.replace(cwd, '')}\n`;
}
