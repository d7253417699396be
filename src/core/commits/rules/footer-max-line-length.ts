import { maxLineLengthRule } from '../ruleKit/twins';

export const footerMaxLineLength = maxLineLengthRule('footer-max-line-length', 'footer');
