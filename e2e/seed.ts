// A corp for a browser test: created with the CLI, its directory seeded through the server's services before the
// server starts (as `orgdesk demo` seeds), so a test starts from people already there.
import { randomInt } from 'node:crypto';
import { creditCodeCheckChar, hashPassword, loadConfig, openRuntime, operatorContext, ROOT_DEPARTMENT_ID, upsertPasswordHash, wholeCorp } from '@orgdesk/server';
import { createDataDir, orgdeskCli } from './server';

/** A random mainland mobile. */
export const randomMobile = () => `139${String(randomInt(100_000_000)).padStart(8, '0')}`;

/** Someone to seed, active, in 销售部 or 财务部; with a password they can sign in. */
export interface SeedPerson {
  userid: string;
  name: string;
  mobile?: string;
  position?: string;
  department: '销售部' | '财务部';
  password?: string;
}

/** The super admin's sign-in of a seeded corp. */
export interface SeededCorp {
  dataDir: string;
  corpId: string;
  admin: { userid: string; mobile: string; password: string };
}

/** Creates a corp (super admin 林晓) in a fresh data folder; with people, also 销售部 and 财务部 and them. */
export async function seedCorp(corpName: string, people: SeedPerson[] = []): Promise<SeededCorp> {
  const dataDir = await createDataDir();
  const mobile = randomMobile();
  const password = 'Chenxing2026';
  const creditBody = `91310000${Array.from({ length: 9 }, () => '0123456789ABCDEFGHJKLMNPQRTUWXY'[randomInt(31)]).join('')}`;
  const created = await orgdeskCli([
    'corp', 'create', '--name', corpName, '--credit-code', creditBody + creditCodeCheckChar(creditBody),
    '--admin-name', '林晓', '--admin-mobile', mobile, '--admin-password', password, '--data-dir', dataDir, '--json',
  ]);
  const { corpId, userid } = JSON.parse(created) as { corpId: string; userid: string };
  const admin = { userid, mobile, password };
  if (people.length === 0) return { dataDir, corpId, admin };
  const runtime = await openRuntime(loadConfig({ ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' }, { dataDir }), { purpose: 'e2e seed' });
  try {
    const { services } = runtime;
    const hashes = new Map(await Promise.all(people.filter((p) => p.password).map(async (p) => [p.userid, await hashPassword(p.password!)] as const)));
    await services.db.transaction().execute(async (trx) => {
      const scope = wholeCorp(corpId);
      const ctx = operatorContext('e2e seed');
      const departments = {
        销售部: await services.departments.create(trx, scope, { parentId: ROOT_DEPARTMENT_ID, name: '销售部' }, ctx),
        财务部: await services.departments.create(trx, scope, { parentId: ROOT_DEPARTMENT_ID, name: '财务部' }, ctx),
      };
      for (const person of people) {
        const member = { userid: person.userid, name: person.name, mobile: person.mobile ?? randomMobile(), position: person.position, departments: [{ id: departments[person.department].id, order: 0, isLeader: false }] };
        await services.members.create(trx, scope, member, ctx, { activated: true });
        const hash = hashes.get(person.userid);
        if (hash) await upsertPasswordHash(trx, await services.members.memberId(trx, scope, person.userid), corpId, hash, services.clock.now());
      }
    });
  } finally {
    await runtime.close();
  }
  return { dataDir, corpId, admin };
}
