import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * `npm run build`: one ES module per service in dist/, for deployment
 * (`node --max-old-space-size=1024 dist/lists.mjs`, see `HEAP_BOUND`).
 * Bundling our TypeScript ahead of time spares each process the TypeScript loader, which costs
 * about 90 MiB of memory per process; the packages in node_modules stay where they are.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
export const distDir = `${root}dist`;

export const SERVICE_ENTRIES = {
  gateway: 'gateway/src/server.ts',
  lists: 'subgraphs/lists/src/server.ts',
  measures: 'subgraphs/measures/src/server.ts',
  objections: 'subgraphs/objections/src/server.ts',
  cases: 'subgraphs/cases/src/server.ts',
  'apollo-gateway': 'bench/apollo-gateway.ts',
  'one-process': 'bench/one-process.ts',
  'grafbase-signer': 'bench/grafbase-signer.ts',
} as const;

/** The built file of a service: `dist/<name>.mjs`. */
export const builtService = (name: keyof typeof SERVICE_ENTRIES) => `dist/${name}.mjs`;

/**
 * Files found next to a module (a subgraph's schema.graphql and migrations, the supergraph)
 * are addressed from its `import.meta.url`; in a bundle that would be the bundle's. Each module
 * keeps its own address, relative to the bundle so that the checkout can move.
 */
const moduleUrls: Plugin = {
  name: 'module-urls',
  setup(bundle) {
    bundle.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
      const fromBundle = relative(distDir, args.path).split('\\').join('/');
      return {
        contents: source.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
        ),
        loader: 'ts',
      };
    });
  },
};

export async function buildServices(): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: Object.entries(SERVICE_ENTRIES).map(([name, file]) => ({ in: file, out: name })),
    outdir: distDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    plugins: [moduleUrls],
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildServices();
  console.log(`Built ${Object.keys(SERVICE_ENTRIES).length} services into dist/`);
}
