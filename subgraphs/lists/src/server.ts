import { runStandalone } from '#common/standalone.ts';
import { listsSubgraph } from './subgraph.ts';

await runStandalone(listsSubgraph, 4001);
