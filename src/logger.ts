import pino, { type DestinationStream, type Logger } from 'pino';

/** Credential parameters in URLs (clients may put them in a query string by mistake): their values are masked. */
const SECRET_PARAM = /([?&](?:password|passcode|client_secret|refresh_token|access_token)=)[^&#"\s]*/gi;
const maskSecretParams = (line: string) => (line.includes('=') ? line.replace(SECRET_PARAM, '$1[REDACTED]') : line);

/** JSON logs; credentials never reach a log line. */
export const createLogger = (level: string, destination?: DestinationStream): Logger =>
  pino(
    {
      level,
      hooks: { streamWrite: maskSecretParams },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.client_secret',
          '*.refresh_token',
          'req.query.password',
          'req.query.passcode',
          'req.query.client_secret',
          'req.query.refresh_token',
        ],
        censor: '[REDACTED]',
      },
    },
    destination,
  );
