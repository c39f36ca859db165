import { runStandalone } from '#common/standalone.ts';
import { objectionsSubgraph } from './subgraph.ts';

await runStandalone(objectionsSubgraph, 4003);
