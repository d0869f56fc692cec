// Account contacts (global, Account Management API): the alternate contacts (SECURITY, BILLING, OPERATIONS) and
// the primary contact information of the account being read, as one aws_account_contacts asset (CIS 2.2, 2.3).
// ResourceNotFoundException is AWS's answer for "no such contact set": stored as null. Any other failure is a
// readError on that key, so the contact controls give `error`, never a pass.
import {
  AccountClient,
  GetAlternateContactCommand,
  GetContactInformationCommand,
  type AlternateContactType,
} from '@aws-sdk/client-account';
import type { CollectorModule } from '../../types';
import { buildArn } from '../../arn';
import { ListFailures, mergeDetails, readOutput, whereOf, type OutputOutcome } from '../../read';
import { makeAsset } from '../../shape';

export const CONTACTS_TYPE = 'aws_account_contacts';
const NOT_SET = ['ResourceNotFoundException'];
const CONTACT_TYPES: AlternateContactType[] = ['SECURITY', 'BILLING', 'OPERATIONS'];

export const contactsCollector: CollectorModule = {
  service: 'contacts',
  scope: 'global',
  resourceTypes: [
    {
      type: CONTACTS_TYPE,
      class: 'Account',
      listOperation: 'Account.GetContactInformation',
      detailOperations: ['Account.GetAlternateContact'],
      idSource: 'synthetic: arn:{partition}:account::{account}:contacts',
    },
  ],
  operations: [
    { api: 'Account.GetAlternateContact', actions: ['account:GetAlternateContact'] },
    { api: 'Account.GetContactInformation', actions: ['account:GetContactInformation'] },
  ],
  async collect(ctx) {
    // The Account API is global; the SDK signs for us-east-1 whatever region it is given.
    const client = ctx.client(AccountClient);
    const scope = whereOf(ctx, 'contacts');
    const failures = new ListFailures(ctx, [CONTACTS_TYPE]);
    await failures.run([CONTACTS_TYPE], async () => {
      const details: Record<string, OutputOutcome> = {};
      const contact = await readOutput(
        () => client.send(new GetContactInformationCommand({}), { abortSignal: ctx.signal }),
        NOT_SET,
      );
      details.ContactInformation =
        contact.ok && contact.value
          ? { ok: true, value: (contact.value.ContactInformation ?? null) as never }
          : contact;
      const alternates: Record<string, unknown> = {};
      const alternateErrors: string[] = [];
      for (const type of CONTACT_TYPES) {
        const outcome = await readOutput(
          () =>
            client.send(new GetAlternateContactCommand({ AlternateContactType: type }), {
              abortSignal: ctx.signal,
            }),
          NOT_SET,
        );
        if (outcome.ok) alternates[type] = outcome.value ? (outcome.value.AlternateContact ?? null) : null;
        else alternateErrors.push(outcome.code);
      }
      details.AlternateContacts =
        alternateErrors.length > 0
          ? { ok: false, code: alternateErrors[0] as string }
          : { ok: true, value: alternates };
      const merged = mergeDetails({ AccountId: ctx.accountId }, details);
      await ctx.emit({
        assets: [
          makeAsset(scope, {
            id: buildArn(ctx.partition, 'account', '', ctx.accountId, 'contacts'),
            type: CONTACTS_TYPE,
            class: 'Account',
            name: `${ctx.accountId} contacts`,
            config: merged.config,
            readErrors: merged.readErrors,
          }),
        ],
      });
    });
    failures.finish();
  },
};
