import { runStandalone } from '#common/standalone.ts';
import { measuresSubgraph } from './subgraph.ts';

await runStandalone(measuresSubgraph, 4002);
