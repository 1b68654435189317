import type { Catalogue } from '../catalogue';
import type en from '../en/notifications';

const vi: Catalogue<typeof en> = {};

export default vi;
