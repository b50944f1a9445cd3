import { caseEvents, caseMethods } from './contract-cases.js';
import { catalogEvents, catalogMethods } from './contract-catalog.js';
import { counterMethods } from './contract-counter.js';
import { displayEvents, displayMethods } from './contract-display.js';
import { hallEvents, hallMethods } from './contract-hall.js';
import { idcardEvents, idcardMethods } from './contract-idcard.js';
import { intakeEvents, intakeMethods } from './contract-intake.js';
import { kioskMethods } from './contract-kiosk.js';
import { printerEvents, printerMethods } from './contract-printing.js';
import { queueMethods } from './contract-queue.js';
import { docscanMethods, scannerEvents, scannerMethods } from './contract-scanner.js';
import { systemEvents, systemMethods } from './contract-system.js';

/**
 * Every RPC method and event between a terminal host and its pages, gathered from the contract-*.ts
 * of each feature: there a name, its input and output, and the roles that may use it are declared.
 * Host and pages both build on it.
 */
export const methods = {
  ...systemMethods,
  ...hallMethods,
  ...queueMethods,
  ...counterMethods,
  ...printerMethods,
  ...idcardMethods,
  ...displayMethods,
  ...caseMethods,
  ...catalogMethods,
  ...scannerMethods,
  ...docscanMethods,
  ...kioskMethods,
  ...intakeMethods,
};

export const events = {
  ...systemEvents,
  ...hallEvents,
  ...printerEvents,
  ...idcardEvents,
  ...displayEvents,
  ...caseEvents,
  ...catalogEvents,
  ...scannerEvents,
  ...intakeEvents,
};

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods & string;
export type EventName = keyof Events & string;
