import './tokens.css';
import './components.css';

export { Button } from './Button.js';
export { Dialog } from './Dialog.js';
export { Field } from './Field.js';
export { Notice } from './Notice.js';
export { Steps, type Step } from './Steps.js';
