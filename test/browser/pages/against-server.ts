// The page that calls a server (npm start, on another origin): nothing but the flow.
import { installFlow } from './client-flow.js';

installFlow();
