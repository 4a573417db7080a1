import { availableParallelism } from 'node:os';
import { apiProcesses } from './api-processes.js';

describe('apiProcesses', () => {
  it('is one process unless told otherwise', () => {
    expect(apiProcesses({})).toBe(1);
    expect(apiProcesses({ API_PROCESSES: ' ' })).toBe(1);
  });

  it('takes a count, or one per CPU for auto', () => {
    expect(apiProcesses({ API_PROCESSES: '4' })).toBe(4);
    expect(apiProcesses({ API_PROCESSES: 'auto' })).toBe(availableParallelism());
  });

  it.each(['0', '-1', '2.5', 'two', '65'])('refuses %s, naming the variable', (value) => {
    expect(() => apiProcesses({ API_PROCESSES: value })).toThrow(/API_PROCESSES/);
  });
});
