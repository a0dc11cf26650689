// The sign-in steps every browser test goes through.
import type { Page } from 'playwright-core';
import { totpCodeAt } from '@orgdesk/server';

/** The sign-in page's first step, with a mobile (or userid) and a password. */
export async function submitSignIn(on: Page, baseUrl: string, login: string, password: string): Promise<void> {
  await on.goto(`${baseUrl}/sign-in`);
  await on.getByTestId('signin-login').fill(login);
  await on.getByTestId('signin-password').fill(password);
  await on.getByTestId('signin-submit').click();
}

/** Reads the secret beside the QR code, answers with its current code, acknowledges the recovery codes. */
export async function enrollAuthenticator(on: Page): Promise<void> {
  await on.getByTestId('enroll-secret').waitFor();
  const secret = (await on.getByTestId('enroll-secret').innerText()).trim();
  await on.getByTestId('enroll-code').fill(totpCodeAt(secret, new Date()));
  await on.getByTestId('enroll-submit').click();
  // (A plain wait, not expect.poll: this also runs in beforeAll, outside any test.)
  await on.getByTestId('recovery-codes').locator('li').nth(9).waitFor({ timeout: 10_000 });
  await on.getByTestId('recovery-done').click();
}

/** An admin's first sign-in: password, then the authenticator enrolment, until the console shows. */
export async function signInFirstTime(on: Page, baseUrl: string, login: string, password: string): Promise<void> {
  await submitSignIn(on, baseUrl, login, password);
  await enrollAuthenticator(on);
  await on.getByTestId('header-corp-name').waitFor();
}
