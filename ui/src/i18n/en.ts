import { messageSet } from './message-set';
export default messageSet('en');
