// Account contacts: recorded Account Management API answers (ResourceNotFoundException = that contact not set).
import {
  AccessDeniedException,
  AccountClient,
  GetAlternateContactCommand,
  GetContactInformationCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-account';
import { mockClient } from 'aws-sdk-client-mock';
import { contactsCollector } from '../../../../collector/services/contacts';
import { testContext } from '../../harness';

const account = mockClient(AccountClient);
const metadata = { httpStatusCode: 200, requestId: 'acct-req-1', attempts: 1 };

beforeEach(() => account.reset());

const notFound = (): ResourceNotFoundException =>
  new ResourceNotFoundException({
    message: 'No contact of the inputted alternate contact type found.',
    $metadata: { httpStatusCode: 404, requestId: 'acct-404' },
  });

const contactInformation = {
  $metadata: metadata,
  ContactInformation: {
    FullName: 'Example Corp',
    AddressLine1: '1 Main Street',
    City: 'Seattle',
    PostalCode: '98101',
    CountryCode: 'US',
    PhoneNumber: '+12065550100',
  },
};

it('stores the contact information and each alternate contact, null where none is set', async () => {
  account.on(GetContactInformationCommand).resolves(contactInformation);
  account.on(GetAlternateContactCommand, { AlternateContactType: 'SECURITY' }).resolves({
    $metadata: metadata,
    AlternateContact: {
      AlternateContactType: 'SECURITY',
      Name: 'Security team',
      EmailAddress: 'security@example.com',
      PhoneNumber: '+12065550111',
      Title: 'CISO',
    },
  });
  account.on(GetAlternateContactCommand, { AlternateContactType: 'BILLING' }).rejects(notFound());
  account.on(GetAlternateContactCommand, { AlternateContactType: 'OPERATIONS' }).rejects(notFound());
  const run = testContext(contactsCollector, { accountId: '111111111111' });

  await contactsCollector.collect(run.ctx);

  expect(new Set(run.calls)).toEqual(new Set(contactsCollector.operations.map((operation) => operation.api)));
  expect(run.failures).toEqual([]);
  expect(run.assets).toHaveLength(1);
  expect(run.assets[0]).toMatchObject({
    id: 'arn:aws:account::111111111111:contacts',
    type: 'aws_account_contacts',
    region: 'global',
    config: {
      AccountId: '111111111111',
      ContactInformation: { FullName: 'Example Corp', PhoneNumber: '+12065550100' },
      AlternateContacts: {
        SECURITY: { EmailAddress: 'security@example.com' },
        BILLING: null,
        OPERATIONS: null,
      },
    },
  });
  expect(run.assets[0]?.readErrors).toBeUndefined();
});

it('records a denied read as a readError on that key, never as "not set"', async () => {
  account.on(GetContactInformationCommand).resolves(contactInformation);
  account.on(GetAlternateContactCommand).rejects(
    new AccessDeniedException({
      message: 'User is not authorized to perform: account:GetAlternateContact',
      $metadata: { httpStatusCode: 403, requestId: 'acct-403' },
    }),
  );
  const run = testContext(contactsCollector, { accountId: '111111111111' });

  await contactsCollector.collect(run.ctx);

  expect(run.assets[0]?.readErrors).toEqual({ AlternateContacts: 'AccessDeniedException' });
  expect(run.assets[0]?.config.AlternateContacts).toBeUndefined();
});
