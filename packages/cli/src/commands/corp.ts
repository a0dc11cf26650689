import type { Command } from 'commander';
import { corpIndustrySchema, corpSizeSchema, mobileSchema, passwordSchema, displayName } from '@orgdesk/contracts';
import { operatorContext, upsertPasswordHash, hashPassword } from '@orgdesk/server';
import { CliExit, output, withRuntime, type GlobalFlags } from '../runtime';

interface CorpCreateFlags extends GlobalFlags {
  name: string;
  creditCode: string;
  industry: string;
  size: string;
  adminName: string;
  adminMobile: string;
  adminPassword: string;
}

/** Validates a flag with the same schema the API uses, naming the flag on failure. */
function check<T>(flag: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new CliExit(`--${flag}: ${result.error.issues[0]?.message ?? 'is invalid'}`, 2);
  return result.data;
}

export function registerCorp(program: Command): void {
  const corp = program.command('corp').description('organizations');
  corp
    .command('create')
    .description('create an organization and its super admin, who enrolls an authenticator at first sign-in')
    .requiredOption('--name <name>', 'organization name')
    .requiredOption('--credit-code <code>', 'unified social credit code (18 characters)')
    .option('--industry <industry>', `one of ${corpIndustrySchema.options.join(', ')}`, 'other')
    .option('--size <size>', `one of ${corpSizeSchema.options.join(', ')}`, '1-50')
    .requiredOption('--admin-name <name>', "the super admin's name")
    .requiredOption('--admin-mobile <mobile>', "the super admin's mobile")
    .requiredOption('--admin-password <password>', "the super admin's password")
    .option('--data-dir <dir>', 'data folder of the embedded database')
    .option('--json', 'print {corpId, userid} as JSON')
    .action(async (flags: CorpCreateFlags) => {
      const input = {
        name: check('name', displayName(64), flags.name),
        creditCode: flags.creditCode.trim().toUpperCase(),
        industry: check('industry', corpIndustrySchema, flags.industry),
        size: check('size', corpSizeSchema, flags.size),
        adminName: check('admin-name', displayName(64), flags.adminName),
        adminMobile: check('admin-mobile', mobileSchema, flags.adminMobile),
      };
      const password = check('admin-password', passwordSchema, flags.adminPassword);
      const passwordHash = await hashPassword(password);
      await withRuntime('corp create', flags, async ({ services }) => {
        const created = await services.db.transaction().execute(async (trx) => {
          const result = await services.corps.create(trx, input, operatorContext('corp create'));
          await upsertPasswordHash(trx, result.memberId, result.corpId, passwordHash, services.clock.now());
          return result;
        });
        output(flags, { corpId: created.corpId, userid: created.userid }, [
          `Created ${input.name}`,
          `  CorpID:  ${created.corpId}`,
          `  Admin:   ${created.userid} (${input.adminMobile})`,
          'Sign in with the mobile or userid and the password; an authenticator app is set up at the first sign-in.',
        ]);
      });
    });
}
