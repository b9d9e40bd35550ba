/** Turns the FILE|DIR|GLOB arguments of check/render into the list of case files to read. */
export { expandInputs, type Inputs, type ExpandOptions } from '../batch/inputs.js';
