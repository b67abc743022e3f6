// Generates src/generated (types and one function per operation, on hey-api's fetch client) from the OpenAPI
// document the openapi module builds. The output is committed so that users get a working SDK without the
// generator; `--check` regenerates into a temporary directory and fails if that differs from src/generated, so
// a change of the API that was not regenerated is caught by the test suite.
//   node scripts/generate.mjs [--check] [path/to/cauri.yml]
// Default document: ../../openapi/target/classes/META-INF/swagger/cauri.yml (after `./mvnw package -pl openapi`).
import { createClient } from '@hey-api/openapi-ts';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const input = resolve(args.find((a) => !a.startsWith('--'))
  ?? process.env.CAURI_OPENAPI
  ?? join(root, '../../openapi/target/classes/META-INF/swagger/cauri.yml'));
if (!existsSync(input)) {
  console.error(`generate: no OpenAPI document at ${input} (build it: ./mvnw package -pl openapi -am -DskipTests)`);
  process.exit(2);
}
const committed = join(root, 'src/generated');
const output = check ? await mkdtemp(join(tmpdir(), 'cauri-sdk-generated-')) : committed;

await createClient({
  input,
  output: { path: output, clean: true, importFileExtension: '.js' },
  logs: { level: 'silent' },
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
});

if (check) {
  const differences = await compare(output, committed);
  await rm(output, { recursive: true, force: true });
  if (differences.length > 0) {
    console.error(`generate --check: src/generated is not what ${relative(process.cwd(), input)} generates:`);
    for (const d of differences) console.error(`  ${d}`);
    console.error('run `npm run generate` in sdk/typescript and commit the result');
    process.exit(1);
  }
  console.log('generate --check: src/generated matches the OpenAPI document');
}

async function files(dir, base = dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...await files(path, base));
    else out.push(relative(base, path));
  }
  return out.sort();
}

async function compare(fresh, kept) {
  const a = await files(fresh);
  const b = existsSync(kept) ? await files(kept) : [];
  const differences = [];
  for (const f of a) {
    if (!b.includes(f)) differences.push(`missing: ${f}`);
    else if ((await readFile(join(fresh, f), 'utf8')) !== (await readFile(join(kept, f), 'utf8'))) differences.push(`differs: ${f}`);
  }
  for (const f of b) if (!a.includes(f)) differences.push(`not generated any more: ${f}`);
  return differences;
}
