// Durable evaluation requests (migration 004): set when a sync finishes, cleared by the evaluation that saw them.
import { fixedClock, NotFoundError } from '../../store';
import { describeEachEngine, newAccountInput } from './engines';

const AT = '2026-03-01T12:00:00.000Z';

describeEachEngine(
  'evaluation requests',
  (store) => {
    test('an account needs no evaluation until one is requested, then is listed with the request time', async () => {
      const account = await store().createAccount(newAccountInput());
      await store().createAccount(newAccountInput()); // another account, never flagged
      expect(await store().listAccountsNeedingEvaluation()).toEqual([]);

      const requestedAt = await store().requestEvaluation(account.id);

      expect(requestedAt).toBe(AT);
      expect(await store().listAccountsNeedingEvaluation()).toEqual([{ accountId: account.id, requestedAt }]);
    });

    test('clearing the request that was seen removes the flag', async () => {
      const account = await store().createAccount(newAccountInput());
      const requestedAt = await store().requestEvaluation(account.id);

      expect(await store().clearEvaluationRequest(account.id, requestedAt)).toBe(true);

      expect(await store().listAccountsNeedingEvaluation()).toEqual([]);
      expect(await store().clearEvaluationRequest(account.id, requestedAt)).toBe(false);
    });

    test('a request made after the evaluation started is not cleared by it, even at the same clock time', async () => {
      const account = await store().createAccount(newAccountInput());
      const seen = await store().requestEvaluation(account.id);
      const later = await store().requestEvaluation(account.id);

      expect(later > seen).toBe(true);
      expect(await store().clearEvaluationRequest(account.id, seen)).toBe(false);
      expect(await store().listAccountsNeedingEvaluation()).toEqual([
        { accountId: account.id, requestedAt: later },
      ]);
      expect(await store().clearEvaluationRequest(account.id, later)).toBe(true);
      expect(await store().listAccountsNeedingEvaluation()).toEqual([]);
    });

    test('several flagged accounts are listed oldest request first', async () => {
      const createdFirst = await store().createAccount(newAccountInput());
      const createdSecond = await store().createAccount(newAccountInput());
      await store().requestEvaluation(createdFirst.id);
      await store().requestEvaluation(createdFirst.id); // replaced: now 1 ms after the clock's time
      await store().requestEvaluation(createdSecond.id);

      const listed = await store().listAccountsNeedingEvaluation();

      expect(listed.map((request) => request.accountId)).toEqual([createdSecond.id, createdFirst.id]);
    });

    test('an unknown account cannot be flagged and clears nothing', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      await expect(store().requestEvaluation(unknown)).rejects.toBeInstanceOf(NotFoundError);
      await expect(store().requestEvaluation('not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);
      expect(await store().clearEvaluationRequest(unknown, AT)).toBe(false);
      expect(await store().clearEvaluationRequest('not-a-uuid', AT)).toBe(false);
    });

    test('deleting a flagged account removes its request', async () => {
      const account = await store().createAccount(newAccountInput());
      await store().requestEvaluation(account.id);

      await store().deleteAccount(account.id);

      expect(await store().listAccountsNeedingEvaluation()).toEqual([]);
    });
  },
  fixedClock(AT),
);
