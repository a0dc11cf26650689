import { randomInt } from 'node:crypto';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { creditCodeCheckChar, hashPassword, operatorContext, ROOT_DEPARTMENT_ID, upsertPasswordHash, wholeCorp } from '@orgdesk/server';
import { output, withRuntime, type GlobalFlags } from '../runtime';
import { demoDepartments, demoPeople } from './demo-data';

const DEMO_PASSWORD = 'Orgdesk2026';
const MEMBER_COUNT = 300;
const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A fresh, valid credit code so the demo can be seeded more than once on one deployment. */
function demoCreditCode(): string {
  let body = '91310115';
  for (let i = 0; i < 9; i++) body += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return body + creditCodeCheckChar(body);
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(`seed a demo organization (${MEMBER_COUNT} members in a department tree) and print how to sign in`)
    .option('--data-dir <dir>', 'data folder of the embedded database')
    .option('--json', 'print JSON')
    .action(async (flags: GlobalFlags) => {
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      const adminMobile = `138${String(randomInt(1e8)).padStart(8, '0')}`;
      await withRuntime('demo', flags, async ({ services }) => {
        const people = demoPeople(MEMBER_COUNT);
        const bar = flags.json ? null : new SingleBar({ format: '  seeding demo members [{bar}] {value}/{total}' }, Presets.shades_classic);
        bar?.start(people.length, 0);
        const created = await services.db.transaction().execute(async (trx) => {
          const corp = await services.corps.create(trx, { name: '星河科技有限公司', creditCode: demoCreditCode(), industry: 'it', size: '201-500', adminName: '陈思远', adminMobile }, operatorContext('demo'));
          await upsertPasswordHash(trx, corp.memberId, corp.corpId, passwordHash, services.clock.now());
          const scope = wholeCorp(corp.corpId);
          const ctx = operatorContext('demo');
          for (const d of demoDepartments) await services.departments.create(trx, scope, { id: d.id, parentId: d.parentId, name: d.name }, ctx);
          const weights = demoDepartments.flatMap((d) => Array<number>(d.share).fill(d.id));
          for (const [i, person] of people.entries()) {
            const department = weights[i % weights.length] ?? ROOT_DEPARTMENT_ID;
            // The first member placed in each department leads it.
            const isLeader = i < demoDepartments.length && department === demoDepartments[i]?.id;
            await services.members.create(
              trx,
              scope,
              { userid: person.userid, name: person.name, mobile: `139${String(10_000_000 + i).slice(-8)}`, email: `${person.userid}@xinghe.example.cn`, departments: [{ id: department, order: 0, isLeader }] },
              ctx,
              { activated: true },
            );
            if (i % 50 === 49) bar?.update(i + 1);
          }
          bar?.update(people.length);
          return corp;
        });
        bar?.stop();
        output(flags, { corpId: created.corpId, userid: created.userid, mobile: adminMobile, password: DEMO_PASSWORD }, [
          '',
          `Demo organization 星河科技有限公司 is ready (${MEMBER_COUNT + 1} members).`,
          `  CorpID:    ${created.corpId}`,
          `  Sign in:   ${adminMobile} (or userid "${created.userid}" with the CorpID) / password ${DEMO_PASSWORD}`,
          '  Then scan the QR code with an authenticator app (two-step verification is required for admins).',
          'Start the server with "npm start" and open http://localhost:3000.',
        ]);
      });
    });
}
