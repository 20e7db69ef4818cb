import { idParams } from './common';
import { defineOperation, type OperationSpec } from './operation';

type StepSpec = Omit<OperationSpec, 'method' | 'access' | 'params' | 'response'>;

/**
 * The staff steps of one kind of object along its timeline (accept, start, complete, cancel):
 * each a POST by staff on the object's `:id`, answered with the object's view, so a step names
 * only its id, path, summary, body and problems.
 */
export function staffStepsOf<const R extends OperationSpec['response']>(response: R) {
  return <const S extends StepSpec>(spec: S) =>
    defineOperation({ method: 'POST', access: 'staff', params: idParams, response, ...spec });
}
