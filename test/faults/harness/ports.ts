export { freePort } from '../../support/free-port';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
