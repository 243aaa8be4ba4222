// Chat understanding for lintuan: normalize → rules → catalog matching → token classifier.
export * from './types.js';
export { createParser } from './parse.js';
export { normalize } from './text/normalize.js';
export { complaintType } from './models/complaint-type.js';
export { MAX_WRITTEN } from './order.js';
