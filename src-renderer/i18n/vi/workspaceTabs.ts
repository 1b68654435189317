import type { Catalogue } from '../catalogue';
import type en from '../en/workspaceTabs';

const vi: Catalogue<typeof en> = {};

export default vi;
