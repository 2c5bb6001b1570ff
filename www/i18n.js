// The page's own words (labels, buttons, hints) in English and Brazilian Portuguese. What a
// reply means comes from the Rust catalogue through the wasm module, never from here.

export const LANGUAGES = ['en', 'pt-BR'];
const STORAGE_KEY = 'smtp-sim.language';

const LABELS = {
  en: {
    skip: 'Skip to the command input',
    tagline: 'Talk to a mail server: type SMTP commands, see each reply explained.',
    language: 'Language',
    modes: 'Modes',
    modeClient: 'You are the client',
    sessionLabel: 'Session',
    stage: 'Stage',
    allowedNext: 'Commands allowed next',
    none: 'none',
    persona: 'Server persona',
    personaStrict: 'Strict (RFC 5321)',
    personaLenient: 'Lenient (accepts bare LF)',
    personaVulnerable: 'Vulnerable (pre-2023, smuggling)',
    showEol: 'Show line endings',
    lineEnding: 'Lines end with',
    endingCrlf: 'CRLF (standard)',
    endingLf: 'LF only (like nc)',
    reset: 'Reset session',
    transcript: 'Transcript',
    commandLabel: 'SMTP command',
    send: 'Send',
    suggestions: 'Suggestions',
    tryThis: 'Try:',
    dataMode:
      'You are writing the message. Press Enter after each line; a line with only a dot (.) ends it.',
    historyHint: '↑ and ↓ recall earlier lines.',
    next: {
      Connected: 'Next: introduce yourself with EHLO and a name for your computer.',
      Ready: 'Next: say who the message is from, with MAIL FROM:<address>.',
      Auth: 'Next: send your credentials in base64, or * to give up.',
      Mail: 'Next: name a recipient with RCPT TO:<address>.',
      Rcpt: 'Next: add another recipient, or type DATA to write the message.',
      Data: 'Headers first, then an empty line, then the text. A line with only . sends it.',
      Bdat: 'Next: send the next chunk with BDAT, or the last one with BDAT n LAST.',
      Closed: 'The server closed the connection. Reset the session to start again.',
    },
    lfDotIgnored:
      'That did not end the message: a strict server ends it only at CRLF . CRLF. Set “Lines end with” to CRLF, send an empty line, then a line with only “.”.',
    closedNotice: 'The connection is closed: nothing was sent. Use “Reset session” to start again.',
    explanation: 'Explanation',
    footer:
      'Runs entirely in your browser: a Rust SMTP server compiled to WebAssembly. Nothing you type leaves this page.',
    loading: 'Loading the simulator…',
    loadFailed: 'The simulator could not start in this browser (WebAssembly is needed).',
    noReplyYet: 'Replies from the server are explained here.',
    clientSays: 'client',
    serverSays: 'server',
    replyButton: 'Reply {code}: show its explanation',
    selected: 'selected',
    messageTyping: 'Message so far',
    messageStored: 'Message accepted and stored',
    bytes: '{n} bytes',
    dotsRemoved: 'leading dots removed: {n}',
    from: 'From',
    to: 'To',
    codeDigits: 'The code, digit by digit',
    enhancedCode: 'Enhanced status code',
    noEntry: 'A code the catalogue does not know',
    states: {
      Connected: 'Connected: waiting for EHLO',
      Ready: 'Greeted: ready for a message',
      Auth: 'Authenticating',
      Mail: 'Sender accepted: waiting for recipients',
      Rcpt: 'Recipient accepted: more, or DATA',
      Data: 'Writing the message',
      Bdat: 'Sending chunks (BDAT)',
      Closed: 'Closed',
    },
    steps: {
      Connected: 'Connect',
      Ready: 'Hello',
      Mail: 'Sender',
      Rcpt: 'Recipients',
      Data: 'Message',
      Closed: 'Close',
    },
    sampleBody: ['Subject: Hello', '', 'Hi Bob, this came through smtp-sim.'],
  },
  'pt-BR': {
    skip: 'Pular para o campo de comando',
    tagline: 'Converse com um servidor de e-mail: digite comandos SMTP e veja cada resposta explicada.',
    language: 'Idioma',
    modes: 'Modos',
    modeClient: 'Você é o cliente',
    sessionLabel: 'Sessão',
    stage: 'Etapa',
    allowedNext: 'Comandos aceitos agora',
    none: 'nenhum',
    persona: 'Perfil do servidor',
    personaStrict: 'Rigoroso (RFC 5321)',
    personaLenient: 'Tolerante (aceita LF sozinho)',
    personaVulnerable: 'Vulnerável (antes de 2023, smuggling)',
    showEol: 'Mostrar fins de linha',
    lineEnding: 'Fim de linha',
    endingCrlf: 'CRLF (padrão)',
    endingLf: 'Só LF (como o nc)',
    reset: 'Reiniciar sessão',
    transcript: 'Transcrição',
    commandLabel: 'Comando SMTP',
    send: 'Enviar',
    suggestions: 'Sugestões',
    tryThis: 'Experimente:',
    dataMode:
      'Você está escrevendo a mensagem. Tecle Enter após cada linha; uma linha só com um ponto (.) a encerra.',
    historyHint: '↑ e ↓ trazem linhas anteriores.',
    next: {
      Connected: 'Próximo passo: apresente-se com EHLO e um nome para o seu computador.',
      Ready: 'Próximo passo: diga de quem é a mensagem, com MAIL FROM:<endereço>.',
      Auth: 'Próximo passo: envie suas credenciais em base64, ou * para desistir.',
      Mail: 'Próximo passo: indique um destinatário com RCPT TO:<endereço>.',
      Rcpt: 'Próximo passo: mais um destinatário, ou DATA para escrever a mensagem.',
      Data: 'Primeiro os cabeçalhos, depois uma linha vazia, depois o texto. Uma linha só com . a envia.',
      Bdat: 'Próximo passo: envie o próximo bloco com BDAT, ou o último com BDAT n LAST.',
      Closed: 'O servidor encerrou a conexão. Reinicie a sessão para começar de novo.',
    },
    lfDotIgnored:
      'Isso não encerrou a mensagem: um servidor rigoroso só a encerra em CRLF . CRLF. Mude “Fim de linha” para CRLF, envie uma linha vazia e depois uma linha só com “.”.',
    closedNotice: 'A conexão está encerrada: nada foi enviado. Use “Reiniciar sessão” para recomeçar.',
    explanation: 'Explicação',
    footer:
      'Roda inteiramente no seu navegador: um servidor SMTP em Rust compilado para WebAssembly. Nada do que você digita sai desta página.',
    loading: 'Carregando o simulador…',
    loadFailed: 'O simulador não conseguiu iniciar neste navegador (é preciso WebAssembly).',
    noReplyYet: 'As respostas do servidor são explicadas aqui.',
    clientSays: 'cliente',
    serverSays: 'servidor',
    replyButton: 'Resposta {code}: mostrar a explicação',
    selected: 'selecionada',
    messageTyping: 'Mensagem até agora',
    messageStored: 'Mensagem aceita e armazenada',
    bytes: '{n} bytes',
    dotsRemoved: 'pontos iniciais removidos: {n}',
    from: 'De',
    to: 'Para',
    codeDigits: 'O código, dígito a dígito',
    enhancedCode: 'Código de status estendido',
    noEntry: 'Um código que o catálogo não conhece',
    states: {
      Connected: 'Conectado: aguardando EHLO',
      Ready: 'Apresentado: pronto para uma mensagem',
      Auth: 'Autenticando',
      Mail: 'Remetente aceito: aguardando destinatários',
      Rcpt: 'Destinatário aceito: mais um, ou DATA',
      Data: 'Escrevendo a mensagem',
      Bdat: 'Enviando blocos (BDAT)',
      Closed: 'Encerrada',
    },
    steps: {
      Connected: 'Conexão',
      Ready: 'Saudação',
      Mail: 'Remetente',
      Rcpt: 'Destinatários',
      Data: 'Mensagem',
      Closed: 'Fim',
    },
    sampleBody: ['Subject: Olá', '', 'Oi Bob, esta mensagem passou pelo smtp-sim.'],
  },
};

let current = 'en';

/**
 * Adds a module's own labels (`{ en: {...}, 'pt-BR': {...} }`) to the tables, so views kept in
 * their own files carry their words with them.
 */
export function addLabels(extra) {
  for (const lang of LANGUAGES) Object.assign(LABELS[lang], extra[lang]);
}

/** The language stored from an earlier visit, else the browser's, else English. */
export function initialLanguage() {
  let saved = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be blocked (private mode, file:// in some browsers): fall through.
  }
  if (LANGUAGES.includes(saved)) return saved;
  return (navigator.language || '').toLowerCase().startsWith('pt') ? 'pt-BR' : 'en';
}

/** Switches the language of labels, remembers it, and relabels everything under `root`. */
export function setLanguage(lang, root = document) {
  current = LANGUAGES.includes(lang) ? lang : 'en';
  try {
    localStorage.setItem(STORAGE_KEY, current);
  } catch {
    // Not remembered, still switched.
  }
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  }
  return current;
}

export function language() {
  return current;
}

/** The label `key` (a dotted path for nested tables), with `{name}` placeholders filled in. */
export function t(key, vars) {
  let value = key.split('.').reduce((o, k) => o?.[k], LABELS[current]);
  if (value === undefined) value = key.split('.').reduce((o, k) => o?.[k], LABELS.en);
  if (typeof value !== 'string' || !vars) return value;
  return value.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}
