import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

/**
 * Per-minute limits, counted in Redis when REDIS_URL is set, so that every gateway replica counts
 * against the same budget; in this process's memory otherwise (the embedded platform). If Redis
 * cannot be reached, each replica counts alone until it is back, rather than refusing everyone.
 */
export function rateLimiters(redisUrl = process.env.REDIS_URL) {
  const redis = redisUrl
    ? new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
    : undefined;
  redis?.on('error', () => {});
  return {
    /**
     * `perMinute` requests a minute under `name`; undefined when it is 0 (no limit). With
     * `smooth`, the minute is counted in tenths (a tenth of the requests per 6 s), so a caller
     * cannot spend a minute's allowance in one burst.
     */
    perMinute(name: string, perMinute: number, smooth = false): RateLimiterAbstract | undefined {
      if (perMinute <= 0) return undefined;
      const window = smooth
        ? { points: Math.max(1, Math.round(perMinute / 10)), duration: 6 }
        : { points: perMinute, duration: 60 };
      const memory = new RateLimiterMemory(window);
      if (!redis) return memory;
      return new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `joint-credit:${name}`,
        ...window,
        insuranceLimiter: memory,
      });
    },
    /** Waits (up to 3 s) for Redis, so the first requests count in it rather than in memory. */
    async ready() {
      if (!redis || redis.status === 'ready') return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3_000);
        redis.once('ready', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    async close() {
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}

export type RateLimiters = ReturnType<typeof rateLimiters>;

/** A request refused by a per-caller limit: what to tell the caller, and when to come back. */
export interface LimitRefusal {
  message: string;
  retryAfterSeconds: number;
}

/**
 * Counts one request of `key` against `limiter` (none: no limit); over the limit, the refusal
 * that says `what` was exceeded and how long to wait (429 RATE_LIMITED with Retry-After).
 */
export async function overLimit(
  limiter: RateLimiterAbstract | undefined,
  key: string,
  what: string,
): Promise<LimitRefusal | undefined> {
  if (!limiter) return undefined;
  try {
    await limiter.consume(key);
    return undefined;
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    return {
      message: `More than ${what} in a minute from this caller; try again in ${retryAfterSeconds} s.`,
      retryAfterSeconds,
    };
  }
}
