import pino, { type DestinationStream, type Logger } from 'pino';

/** JSON logs; credentials never reach a log line. */
export const createLogger = (level: string, destination?: DestinationStream): Logger =>
  pino(
    {
      level,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.client_secret', '*.refresh_token'],
        censor: '[REDACTED]',
      },
    },
    destination,
  );
