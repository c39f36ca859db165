import { parseArgs } from 'node:util';
import { callerFromClaims, signToken } from '#common/caller.ts';
import { secret } from '#common/config.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'PUBLIC' },
    dept: { type: 'string' },
    subject: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
});

try {
  const caller = callerFromClaims({ role: values.role, dept: values.dept, subject: values.subject });
  console.log(await signToken(caller, secret('AUTH_SECRET'), { expiresIn: values.expires }));
} catch (error) {
  console.error(`Cannot make a token: ${error instanceof Error ? error.message : error}`);
  console.error(
    'Usage: npm run token -- --role DEPARTMENT --dept 370100-SAMR [--subject <id>] [--expires 12h]',
  );
  process.exit(2);
}
