// fauxqs bound to 127.0.0.1 only (its CLI binds 0.0.0.0). FAUXQS_PORT=0 picks a free port; the line
// "FAUXQS_LISTENING http://127.0.0.1:PORT" on stdout tells the caller where it is.
import { buildApp } from 'fauxqs';

const app = buildApp({ logger: process.env.FAUXQS_LOGGER === 'true', host: process.env.FAUXQS_HOST });
const address = await app.listen({ port: parseInt(process.env.FAUXQS_PORT ?? '0', 10), host: '127.0.0.1' });
console.log(`FAUXQS_LISTENING ${address}`);
const stop = async () => { await app.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The parent closes our stdin when it goes away (even killed): never outlive it.
process.stdin.on('end', stop);
process.stdin.resume();
