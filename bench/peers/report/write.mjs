// Saves a run as bench/results/peers-latest.{json,md,svg}: the JSON keeps every round and step
// for comparing runs; the Markdown and the SVG are for people and READMEs.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatPeersMarkdown } from './markdown.mjs';
import { formatPeersSvg } from './svg.mjs';

export function writePeersResults(resultsDir, run) {
  mkdirSync(resultsDir, { recursive: true });
  const files = {
    json: path.join(resultsDir, 'peers-latest.json'),
    markdown: path.join(resultsDir, 'peers-latest.md'),
    svg: path.join(resultsDir, 'peers-latest.svg'),
  };
  writeFileSync(files.json, `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(files.markdown, formatPeersMarkdown(run, { chartFile: path.basename(files.svg) }));
  writeFileSync(files.svg, formatPeersSvg(run));
  return files;
}
