import type { CoreContext } from '../context';

/** Placeholder until the demo generator lands: adds nothing. */
export async function seedDemoHistory(_ctx: CoreContext): Promise<{ added: number }> {
  return { added: 0 };
}
