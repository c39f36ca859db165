import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

const ASSET_PREFIX = '/graphiql/';

type Assets = typeof import('@graphql-yoga/render-graphiql/graphiql');

/** The GraphiQL bundle is 9 MB of strings: loaded on the first GraphiQL visit, not at start-up. */
let assets: Promise<Assets> | undefined;
const loadAssets = () => {
  assets ??= import('@graphql-yoga/render-graphiql/graphiql');
  return assets;
};

const FILES: Record<string, { type: string; pick: (a: Assets) => string }> = {
  'graphiql.js': { type: 'text/javascript', pick: (a) => a.js },
  'graphiql.css': { type: 'text/css', pick: (a) => a.css },
  'editor.worker.js': { type: 'text/javascript', pick: (a) => a.editorWorkerService },
  'json.worker.js': { type: 'text/javascript', pick: (a) => a.jsonWorker },
  'graphql.worker.js': { type: 'text/javascript', pick: (a) => a.graphqlWorker },
};

/**
 * Serves GraphiQL's scripts, styles and editor workers from the installed package, so data
 * teams can use it on a network with no internet access.
 */
export function useOfflineGraphiQLAssets(): GatewayPlugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(ASSET_PREFIX)) return;
      const file = FILES[url.pathname.slice(ASSET_PREFIX.length)];
      if (!file) return endResponse(new fetchAPI.Response('Not found', { status: 404 }));
      const body = file.pick(await loadAssets());
      endResponse(
        new fetchAPI.Response(body, {
          headers: {
            'content-type': `${file.type}; charset=utf-8`,
            'cache-control': 'public, max-age=86400',
          },
        }),
      );
    },
  };
}

export function renderGraphiQL(options: unknown): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8" />
  <title>联合奖惩 GraphQL</title>
  <link rel="stylesheet" href="${ASSET_PREFIX}graphiql.css" />
</head>
<body id="body" class="no-focus-outline">
  <noscript>GraphiQL needs JavaScript.</noscript>
  <div id="root"></div>
  <script>
    const workers = {
      editorWorkerService: '${ASSET_PREFIX}editor.worker.js',
      json: '${ASSET_PREFIX}json.worker.js',
      graphql: '${ASSET_PREFIX}graphql.worker.js',
    };
    self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => workers[label] };
  </script>
  <script src="${ASSET_PREFIX}graphiql.js"></script>
  <script>
    YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), ${JSON.stringify(options ?? {}).replaceAll('<', '\\u003c')});
  </script>
</body>
</html>`;
}
