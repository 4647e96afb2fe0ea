export * from './alerts';
export * from './channels';
export * from './events';
export * from './files';
export * from './messages';
export * from './operations';
export * from './users';
export * from './workflows';
