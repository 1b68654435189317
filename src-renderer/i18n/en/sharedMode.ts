// English: shared mode (several processes on one Redis): the processes panel.
export default {
  region: 'Processes',
  off: 'shared mode off: {{problem}}',
  unreachable: 'shared mode: Redis unreachable since {{time}}',
  waiting_one: ' ({{count}} event waiting)',
  waiting_other: ' ({{count}} events waiting)',
  columns: { name: 'Name', host: 'Host', role: 'Role', accounts: 'Accounts', version: 'Version', age: 'Age' },
  thisOne: '{{name}} (this one)',
  seconds: '{{s}} s',
  minutes: '{{m}} min',
};
