// The reply-code catalogue on the page: one card with three tabs (Compare, Reference, Explain a
// real reply), reached from the nav strip. Each tab lives in its own module; this one holds their
// words, the tab behaviour (WAI-ARIA tabs: arrow keys, Home/End) and the links into them.

import { addLabels } from './i18n.js';
import { startCompare } from './compare.js';
import { startReference } from './reference.js';
import { startRealReply } from './real-reply.js';

addLabels({
  en: {
    catalogTitle: 'Reply codes',
    catalogIntro: 'Every SMTP reply explained: compare two codes, look any of them up, or paste one from a real log.',
    catalogTabs: 'Reply-code tools',
    modeCompare: 'Compare',
    modeReference: 'Reference',
    modeReal: 'Explain a real reply',
    backToSession: '↑ Back to the session',
    compareCue: 'compare with {a}',
    compareFirst: 'First code',
    compareSecond: 'Second code',
    compareSwap: 'Swap the two codes',
    compareFollowing: 'The last two codes you looked at in the session.',
    compareStart: 'A classic pair to start with. As the session shows you replies, the last two appear here.',
    compareChosen: 'Your choice.',
    compareBack: 'Back to the last two from the session ({a} and {b})',
    comparePairs: 'Pairs people confuse',
    compareTitle: '{a} vs {b}',
    compareStatus: 'Comparing {a} and {b}.',
    compareSame: 'same',
    refSearch: 'Search the codes',
    refPlaceholder: '421, mailbox, TLS, 5.7…',
    refCount: '{n} of {total} reply codes, {m} of {mt} enhanced codes',
    refNone: 'No code matches “{q}”. Try a number such as 421 or a word such as “mailbox”.',
    refCodes: 'Reply codes',
    refEnhanced: 'Enhanced status codes',
    refPick: 'Pick a code to read its full entry.',
    refEnhancedClass:
      'The X is the class, the same as the reply’s first digit: 2 success, 4 temporary failure, 5 permanent failure.',
    realLabel: 'Paste a reply from a log: one line or several',
    realCommand: 'The command it answered',
    realCommandUnknown: 'Not known',
    realExplain: 'Explain',
    realExamples: 'Examples',
    realExampleGmail: 'Gmail: no such user',
    realExampleMismatch: 'Classes that disagree',
    realExampleGreylist: 'Greylisting',
    realExampleLog: 'A Postfix log line',
    realIntro: 'Replies from other servers, copied from a bounce or a log, are parsed and checked against the rules here.',
    realParsed: 'What was read',
    realCode: 'Reply code',
    realEnhanced: 'Enhanced code',
    realAnswers: 'Answers',
    realInReplyTo: 'In reply to {cmd}',
    realNone: 'none',
    realRule: 'Rule broken',
    realNote: 'Note',
    realClean: 'Well-formed: this reply breaks none of the rules checked here.',
    realLine: 'line {n}',
    realStatus: 'Explained: {code}, warnings: {n}.',
    realEmpty: 'Paste a reply above, or pick an example.',
  },
  'pt-BR': {
    catalogTitle: 'Códigos de resposta',
    catalogIntro:
      'Todas as respostas SMTP explicadas: compare dois códigos, consulte qualquer um ou cole uma resposta de um log real.',
    catalogTabs: 'Ferramentas dos códigos de resposta',
    modeCompare: 'Comparar',
    modeReference: 'Referência',
    modeReal: 'Explicar uma resposta real',
    backToSession: '↑ Voltar à sessão',
    compareCue: 'comparar com {a}',
    compareFirst: 'Primeiro código',
    compareSecond: 'Segundo código',
    compareSwap: 'Trocar os dois códigos',
    compareFollowing: 'Os dois últimos códigos que você viu na sessão.',
    compareStart: 'Um par clássico para começar. Conforme a sessão mostra respostas, as duas últimas aparecem aqui.',
    compareChosen: 'Sua escolha.',
    compareBack: 'Voltar aos dois últimos da sessão ({a} e {b})',
    comparePairs: 'Pares que costumam ser confundidos',
    compareTitle: '{a} vs {b}',
    compareStatus: 'Comparando {a} e {b}.',
    compareSame: 'igual',
    refSearch: 'Buscar nos códigos',
    refPlaceholder: '421, caixa postal, TLS, 5.7…',
    refCount: '{n} de {total} códigos de resposta, {m} de {mt} códigos estendidos',
    refNone: 'Nenhum código corresponde a “{q}”. Tente um número como 421 ou uma palavra como “caixa”.',
    refCodes: 'Códigos de resposta',
    refEnhanced: 'Códigos de status estendidos',
    refPick: 'Escolha um código para ler o verbete completo.',
    refEnhancedClass:
      'O X é a classe, igual ao primeiro dígito da resposta: 2 sucesso, 4 falha temporária, 5 falha permanente.',
    realLabel: 'Cole uma resposta de um log: uma linha ou várias',
    realCommand: 'O comando que ela respondeu',
    realCommandUnknown: 'Não sei',
    realExplain: 'Explicar',
    realExamples: 'Exemplos',
    realExampleGmail: 'Gmail: usuário inexistente',
    realExampleMismatch: 'Classes que não combinam',
    realExampleGreylist: 'Greylisting',
    realExampleLog: 'Uma linha de log do Postfix',
    realIntro:
      'Respostas de outros servidores, copiadas de uma devolução ou de um log, são lidas e conferidas com as regras aqui.',
    realParsed: 'O que foi lido',
    realCode: 'Código da resposta',
    realEnhanced: 'Código estendido',
    realAnswers: 'Responde a',
    realInReplyTo: 'Em resposta a {cmd}',
    realNone: 'nenhum',
    realRule: 'Regra violada',
    realNote: 'Observação',
    realClean: 'Bem formada: esta resposta não viola nenhuma das regras conferidas aqui.',
    realLine: 'linha {n}',
    realStatus: 'Explicada: {code}, avisos: {n}.',
    realEmpty: 'Cole uma resposta acima ou escolha um exemplo.',
  },
});

const TABS = ['compare', 'reference', 'real-reply'];

export function startCatalog() {
  const card = document.getElementById('catalog');
  const tabs = TABS.map((id) => document.getElementById(`tab-${id}`));
  const panels = TABS.map((id) => document.getElementById(id));
  const views = {
    compare: startCompare(panels[0]),
    reference: startReference(panels[1]),
    'real-reply': startRealReply(panels[2]),
  };

  /** Shows one tab's panel; `focus` moves focus to the tab (keyboard) or the panel (links). */
  function show(id, focus = null) {
    const at = Math.max(0, TABS.indexOf(id));
    tabs.forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === at));
      tab.tabIndex = i === at ? 0 : -1;
      panels[i].hidden = i !== at;
    });
    views[TABS[at]].shown?.();
    if (focus === 'tab') tabs[at].focus();
    if (focus === 'panel') {
      card.scrollIntoView({ block: 'start' });
      panels[at].focus({ preventScroll: true });
    }
  }

  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => show(TABS[i]));
    tab.addEventListener('keydown', (e) => {
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      show(TABS[(to + TABS.length) % TABS.length], 'tab');
    });
  });

  // The nav strip's links open their tab and move there.
  for (const link of document.querySelectorAll('.modes a[data-tab]')) {
    link.addEventListener('click', (e) => {
      e.preventDefault();
      history.replaceState(null, '', `#${link.dataset.tab}`);
      show(link.dataset.tab, 'panel');
    });
  }

  // A confusion in any explanation opens Compare on that pair.
  document.addEventListener('smtp-sim:compare', (e) => {
    views.compare.choose(e.detail.a, e.detail.b);
    show('compare', 'panel');
  });

  document.getElementById('language').addEventListener('change', () => {
    for (const view of Object.values(views)) view.relabel();
  });

  const fromHash = TABS.find((id) => `#${id}` === location.hash);
  show(fromHash ?? 'compare');
  if (fromHash) requestAnimationFrame(() => show(fromHash, 'panel'));
  // Lets the views fill in words of the current language.
  for (const view of Object.values(views)) view.relabel();
}
