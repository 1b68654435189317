// Words on screen come from the catalogues (src-renderer/i18n), never from text written in a component: a literal in
// JSX would show English to a Vietnamese reader. Judged on renderer components (.tsx), outside the catalogues and
// tests. Text without letters (`—`, `%`, `·`, `/`) is not language and passes; so do class names, ids, test ids and
// every attribute that is not read by a person or a screen reader.

/** Attributes a person reads (on screen, in a tooltip, or through a screen reader). */
const DISPLAY_ATTRIBUTES = new Set(['title', 'aria-label', 'aria-description', 'aria-valuetext', 'aria-roledescription', 'placeholder', 'alt', 'label']);

const LETTER = /\p{L}/u;

const hasLetters = (text) => LETTER.test(text);

/** The string pieces of an expression that can end up rendered: both branches of `?:`, either side of `||`, `??`. */
function displayedStrings(node) {
  if (!node) return [];
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? [{ node, text: node.value }] : [];
    case 'TemplateLiteral':
      return node.quasis.map((quasi) => ({ node: quasi, text: quasi.value.cooked ?? '' })).concat(node.expressions.flatMap(displayedStrings));
    case 'ConditionalExpression':
      return [...displayedStrings(node.consequent), ...displayedStrings(node.alternate)];
    case 'LogicalExpression':
      return [...displayedStrings(node.left), ...displayedStrings(node.right)];
    case 'BinaryExpression':
      return node.operator === '+' ? [...displayedStrings(node.left), ...displayedStrings(node.right)] : [];
    default:
      return [];
  }
}

function isJudged(filename) {
  const file = filename.split('\\').join('/');
  return /\/src-renderer\//.test(file) && file.endsWith('.tsx') && !/\.test\.tsx$/.test(file) && !/\/src-renderer\/i18n\//.test(file);
}

const noDisplayLiteral = {
  meta: {
    type: 'problem',
    docs: { description: 'Refuse display text written in a renderer component instead of taken from the catalogues.' },
    schema: [],
    messages: {
      text: 'Display text "{{text}}" is written in the component: put it in src-renderer/i18n/{en,vi}/<namespace>.ts and use t().',
      attribute: 'The {{attribute}} "{{text}}" is written in the component: put it in src-renderer/i18n/{en,vi}/<namespace>.ts and use t().',
    },
  },
  create(context) {
    if (!isJudged(context.filename ?? context.getFilename())) return {};
    const report = (node, messageId, text, attribute) =>
      context.report({ node, messageId, data: { text: text.trim().slice(0, 40), attribute } });
    return {
      JSXText(node) {
        if (hasLetters(node.value)) report(node, 'text', node.value);
      },
      JSXExpressionContainer(node) {
        // A child `{'Buy'}` or `{ok ? 'Saved' : 'Failed'}`; attributes are judged below, by name.
        if (node.parent.type === 'JSXAttribute') return;
        for (const piece of displayedStrings(node.expression)) if (hasLetters(piece.text)) report(piece.node, 'text', piece.text);
      },
      JSXAttribute(node) {
        const name = node.name.type === 'JSXIdentifier' ? node.name.name : `${node.name.namespace.name}:${node.name.name.name}`;
        if (!DISPLAY_ATTRIBUTES.has(name) || !node.value) return;
        const pieces = node.value.type === 'Literal' ? displayedStrings(node.value) : node.value.type === 'JSXExpressionContainer' ? displayedStrings(node.value.expression) : [];
        for (const piece of pieces) if (hasLetters(piece.text)) report(piece.node, 'attribute', piece.text, name);
      },
    };
  },
};

export default { meta: { name: 'i18n' }, rules: { 'no-display-literal': noDisplayLiteral } };
