import { createHash } from 'node:crypto';
import { createInMemoryCache, useResponseCache } from '@envelop/response-cache';
import { todayInChina } from '#common/calendar.ts';
import { PUBLIC_CALLER } from '#common/caller.ts';
import { every } from '#common/jobs.ts';
import { peersAt } from '#common/peers.ts';
import type { CallerContext } from './auth.ts';
import { PublicChangesDocument, type PublicChangesQuery } from './generated/to-measures.ts';

type Change = PublicChangesQuery['changes']['edges'][number]['node'];

/** The entities a change touches, as the response cache records them in the answers it keeps. */
function entitiesOf(change: Change): { typename: string; id?: string }[] {
  const entities: { typename: string; id?: string }[] = [];
  if (change.subject) entities.push({ typename: 'Subject', id: change.subject.id });
  if (change.listing) entities.push({ typename: 'Listing', id: change.listing.id });
  if (change.dispatch) entities.push({ typename: 'Dispatch', id: change.dispatch.id });
  if (change.execution) entities.push({ typename: 'Execution', id: change.execution.id });
  if (change.case) entities.push({ typename: 'Case', id: change.case.id });
  // A revision changes which version of a measure is current, and with it the measure's id.
  if (change.measure) entities.push({ typename: 'Measure' });
  return entities;
}

/**
 * The response cache for PUBLIC callers only: government reads must be registered and are never
 * cached. An answer is kept for the document and variables on one China date, so a status that
 * changes at midnight (an expiry, a publicity period's end) is never served from yesterday. The
 * gateway follows the change feed as PUBLIC (the changes public answers show) and drops every
 * answer holding an entity a change touches; mutations through this gateway drop theirs at once.
 * `seconds` bounds what the feed does not carry, such as an entry entering publicity.
 */
export function publicResponseCache(measuresUrl: string, seconds: number) {
  const cache = createInMemoryCache({ max: 10_000 });
  // biome-ignore lint/suspicious/noExplicitAny: the runtime's plugin list takes envelop's untyped context
  const plugin = useResponseCache<Record<string, any>>({
    cache,
    ttl: seconds * 1000,
    enabled: (context) => (context as CallerContext).caller?.role === 'PUBLIC',
    session: () => todayInChina(),
    // The default key goes through WebCrypto's asynchronous digest: about a sixth of the
    // gateway's CPU on a cache hit. The same parts, hashed by Node at once.
    buildResponseCacheKey: ({ documentString, operationName, variableValues, sessionId }) =>
      createHash('sha256')
        .update(
          [documentString, operationName ?? '', JSON.stringify(variableValues ?? {}), sessionId ?? ''].join(
            '|',
          ),
        )
        .digest('hex'),
  });

  const measures = peersAt(() => measuresUrl);
  let after: string | null = null;
  const follow = async () => {
    for (;;) {
      const { changes } = await measures.query('measures', PublicChangesDocument, { after }, PUBLIC_CALLER);
      const entities = changes.edges.flatMap((edge) => entitiesOf(edge.node));
      if (entities.length > 0) await cache.invalidate(entities);
      after = changes.pageInfo.endCursor ?? after;
      if (!changes.pageInfo.hasNextPage) return;
    }
  };
  // While the feed cannot be read, every() logs it and tries again; nothing is older than `seconds`.
  const stop = every('public cache: follow the change feed', 1_000, follow);
  return { plugin, stop };
}
