// node-postgres's optional libpq binding stands in for nothing in the desktop bundle: the app uses
// pure-JS `pg`. Failing like a missing module keeps pg's own fallback (`pg.native` is then null).
const err = new Error('pg-native is not part of Kontaktdesk');
err.code = 'MODULE_NOT_FOUND';
throw err;
