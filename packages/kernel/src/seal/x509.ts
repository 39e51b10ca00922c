/**
 * The one place @peculiar/x509 is loaded: it uses tsyringe decorators, which need the
 * `reflect-metadata` polyfill installed first or the import itself throws. ESM evaluates imports
 * in order, so importing the polyfill on the line above is enough.
 */
import 'reflect-metadata';

export * as x509 from '@peculiar/x509';
