// The project's article variables, loaded once and shared by the article list, the open article and
// the Variables manager. `revision` goes up whenever values or variables were changed here (many
// articles at once, a CSV import, a variable deleted), so whatever shows values reloads them.
import type { Api, Variable } from '../../../main/api/contract.ts';
import { messageOf } from './api.ts';
import { notify } from './toasts.svelte.ts';
import { allFields, type Field } from './variableFields.ts';

class ProjectVariables {
  list = $state.raw<readonly Variable[]>([]);
  /** Goes up when values changed from here; views showing values reload them. */
  revision = $state(0);
  #requested = false;

  /** Own variables, then the built-in columns. */
  get fields(): Field[] {
    return allFields(this.list);
  }

  async load(api: Api): Promise<void> {
    this.#requested = true;
    try {
      this.list = (await api['variables.list']({})).variables;
    } catch (e) {
      notify('error', messageOf(e));
    }
  }

  /** Loads the variables unless that has been asked for already. */
  ensure(api: Api): void {
    if (!this.#requested) void this.load(api);
  }

  /** Values (or variables) changed: every view showing values reloads, and the counts here too. */
  async valuesChanged(api: Api): Promise<void> {
    this.revision++;
    await this.load(api);
  }
}

export const variables = new ProjectVariables();
