import { IsInt, Max } from 'class-validator';
import { InputValidationPipe } from './input-validation.pipe.js';

class PageInput {
  @IsInt()
  @Max(100)
  first!: number;
}

describe('InputValidationPipe', () => {
  const pipe = new InputValidationPipe();

  it('refuses invalid GraphQL arguments and REST bodies with the violations named', async () => {
    for (const type of ['args', 'body'] as const) {
      await expect(
        pipe.transform({ first: 101 }, { type: type as never, metatype: PageInput }),
      ).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        message: expect.stringContaining('first: first must not be greater than 100'),
      });
    }
  });

  it("leaves a field resolver's parent object alone: it is the server's value, not client input", async () => {
    const parent = { first: 101 };
    await expect(pipe.transform(parent, { type: 'root' as never, metatype: PageInput })).resolves.toBe(
      parent,
    );
  });
});
