import { runStandalone } from '#common/standalone.ts';
import { casesSubgraph } from './subgraph.ts';

await runStandalone(casesSubgraph, 4004);
