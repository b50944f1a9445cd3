/**
 * What our logs never show (DESIGN.md: logs are JSON with personal data redacted): credentials, and
 * the personal fields of our schemas wherever they appear, at the top level or one level down.
 */
const SECRET_FIELDS = ['authorization', 'token', 'secret', 'pin', 'password'];
const PERSONAL_FIELDS = ['idNumber', 'certificateNumber', 'name', 'mobile', 'address', 'applicant', 'agent', 'photo', 'fingerprint'];

export const LOG_REDACTION = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    // A top-level `name` is pino's own (the logger's name); a person's name is always inside an object.
    ...[...SECRET_FIELDS, ...PERSONAL_FIELDS].flatMap((field) => (field === 'name' ? [`*.${field}`] : [field, `*.${field}`])),
  ],
  censor: '[已隐去 redacted]',
};
