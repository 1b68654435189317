import type { Catalogue } from '../catalogue';
import type en from '../en/portfolio';

const vi: Catalogue<typeof en> = {};

export default vi;
