export * from './channels';
export * from './events';
export * from './messages';
export * from './operations';
export * from './users';
export * from './workflows';
