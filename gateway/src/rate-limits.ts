import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

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
    /** `points` a minute under `name`; undefined when `points` is 0 (no limit). */
    perMinute(name: string, points: number): RateLimiterAbstract | undefined {
      if (points <= 0) return undefined;
      const memory = new RateLimiterMemory({ points, duration: 60 });
      if (!redis) return memory;
      return new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `joint-credit:${name}`,
        points,
        duration: 60,
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
