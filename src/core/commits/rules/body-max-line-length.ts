import { maxLineLengthRule } from '../ruleKit/twins';

export const bodyMaxLineLength = maxLineLengthRule('body-max-line-length', 'body');
