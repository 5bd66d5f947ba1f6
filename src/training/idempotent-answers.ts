/**
 * Answers remembered by idempotency key, so a retried request gets the first answer and
 * nothing is done twice. Only the most recent `limit` keys are kept; a request that failed
 * forgets its key (it may be sent again, corrected or not); the same key with a different
 * request is `idempotency.key_reused`.
 */
import { WarroomError } from "../domain/shared/errors.js";

export class IdempotentAnswers<T> {
  private readonly answers = new Map<string, { request: string; result: Promise<T> }>();

  constructor(private readonly limit: number) {}

  answer(key: string, request: string, run: () => Promise<T>): Promise<T> {
    const earlier = this.answers.get(key);
    if (earlier) {
      if (earlier.request !== request) {
        const message = "this idempotency key was used for a different request; use a new key";
        throw new WarroomError("idempotency.key_reused", message, [{ field: "Idempotency-Key", message }]);
      }
      return earlier.result;
    }
    const result = run();
    this.answers.set(key, { request, result });
    result.catch(() => this.answers.delete(key));
    for (const oldest of this.answers.keys()) {
      if (this.answers.size <= this.limit) break;
      this.answers.delete(oldest);
    }
    return result;
  }
}
