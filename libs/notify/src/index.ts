export { NOTIFY_ENTITIES } from './entities.js';
