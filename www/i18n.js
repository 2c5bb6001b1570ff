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
    modeWatch: 'Watch',
    modeServer: 'You are the server',
    watch: {
      title: 'Watch a mail client deliver a message',
      lead: 'A simulated mail client delivers your message to the simulated server. Press Step to see one exchange at a time, or Play.',
      from: 'From',
      to: 'To (one address per line)',
      subject: 'Subject',
      body: 'Message',
      options: 'Client',
      pipelining: 'Pipelining (RFC 2920)',
      chunking: 'BDAT chunking (RFC 3030)',
      faults: 'Fault injection: make the server misbehave',
      fault: 'Fault',
      preset: {
        none: 'None: a server that says yes',
        greylist: '450 greylisting on the first RCPT',
        unknown: '550 unknown user on the first recipient',
        closing: '421 in mid-session (at DATA)',
        tooBig: '552 after the message (too big)',
        greeting: '554 greeting: connection refused',
        custom: 'Custom…',
      },
      command: 'Command',
      greeting: 'greeting',
      endOfData: 'end of data (.)',
      code: 'Reply code',
      times: 'How often',
      once: 'once',
      always: 'always',
      step: 'Step',
      play: 'Play',
      pause: 'Pause',
      reset: 'Reset',
      transcript: 'Watch transcript',
      ready: 'Ready: press Step or Play.',
      stepCount: 'Exchange {n}.',
      finished: 'Finished after {n} exchanges.',
      client: 'Client',
      content: 'sends the message: {n} octets, dot-stuffed lines: {k}',
      stored: 'The server stored the message ({n} bytes) for {to}.',
      noReplyYet: 'Press Step: each reply of the server is explained here.',
      formError: 'Cannot start:',
    },
    serve: {
      title: 'You are the server',
      lead: 'A simulated mail client connects to you and wants to deliver a message. Type the reply a mail server sends at each step; the client reacts to what you answer.',
      delivers: 'The client delivers a message from {from} to {to}.',
      reset: 'Start over',
      transcript: 'Server transcript',
      yourReply: 'Your reply, as the server',
      send: 'Reply',
      subject: 'Hello',
      body: 'Hi Bob,\nthis message was delivered by a server you played.\n',
      waitsFor: 'The client waits for the reply to {command}:',
      greeting: 'its connection (your greeting)',
      wellBehaved: 'A well-behaved server answers:',
      useExample: 'Use the reply',
      nothingExpected: 'The client closed the connection. Start over to play again.',
      partial: 'More to come: that line continues the reply (hyphen after the code). The client waits for the last line, with a space after the code.',
      problem: 'What is wrong with the line:',
      expected: 'Expected here:',
      closed: 'The client closed the connection.',
      noReplyYet: 'Your replies are explained here.',
      fit: {
        Usual: '✓ Right:',
        Unusual: '≈ Accepted, but unusual:',
        Refusal: '✓ A refusal:',
        UnlistedRefusal: '≈ A refusal not listed for this step:',
        Closing: '✓ Closing:',
        Wrong: '✗ Wrong for this step:',
        Malformed: '✗ Not a valid reply:',
        Unsolicited: '✗ Nobody asked:',
      },
    },
    outcome: {
      title: 'Outcome',
      status: {
        InProgress: 'Still going',
        Delivered: 'Delivered to every recipient',
        PartiallyDelivered: 'Delivered to some recipients',
        RetryLater: 'Not delivered: the client will retry later',
        Failed: 'Not delivered: failed for good',
      },
      recipient: {
        Pending: 'not tried',
        Accepted: 'accepted',
        Delivered: 'delivered',
        Failed: 'failed',
        RetryLater: 'retry later',
      },
    },
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
    chunkOpen:
      'BDAT: the server now reads exactly {n} octets as message content, with no dot-stuffing and no “.” line (RFC 3030). Type them: each Enter adds the line ending (2 octets for CRLF).',
    chunkLeft: 'The chunk still needs {n} octets before the server answers.',
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
    modeWatch: 'Assistir',
    modeServer: 'Você é o servidor',
    watch: {
      title: 'Veja um cliente de e-mail entregar uma mensagem',
      lead: 'Um cliente de e-mail simulado entrega a sua mensagem ao servidor simulado. Tecle Passo para ver uma troca de cada vez, ou Reproduzir.',
      from: 'De',
      to: 'Para (um endereço por linha)',
      subject: 'Assunto',
      body: 'Mensagem',
      options: 'Cliente',
      pipelining: 'Pipelining (RFC 2920)',
      chunking: 'Blocos BDAT (RFC 3030)',
      faults: 'Injeção de falhas: faça o servidor se comportar mal',
      fault: 'Falha',
      preset: {
        none: 'Nenhuma: um servidor que diz sim',
        greylist: '450 greylisting no primeiro RCPT',
        unknown: '550 usuário inexistente no primeiro destinatário',
        closing: '421 no meio da sessão (no DATA)',
        tooBig: '552 depois da mensagem (grande demais)',
        greeting: 'Saudação 554: conexão recusada',
        custom: 'Personalizada…',
      },
      command: 'Comando',
      greeting: 'saudação',
      endOfData: 'fim dos dados (.)',
      code: 'Código de resposta',
      times: 'Com que frequência',
      once: 'uma vez',
      always: 'sempre',
      step: 'Passo',
      play: 'Reproduzir',
      pause: 'Pausar',
      reset: 'Reiniciar',
      transcript: 'Transcrição da simulação',
      ready: 'Pronto: tecle Passo ou Reproduzir.',
      stepCount: 'Troca {n}.',
      finished: 'Terminou depois de {n} trocas.',
      client: 'Cliente',
      content: 'envia a mensagem: {n} octetos, linhas com ponto duplicado: {k}',
      stored: 'O servidor armazenou a mensagem ({n} bytes) para {to}.',
      noReplyYet: 'Tecle Passo: cada resposta do servidor é explicada aqui.',
      formError: 'Não foi possível começar:',
    },
    serve: {
      title: 'Você é o servidor',
      lead: 'Um cliente de e-mail simulado se conecta a você e quer entregar uma mensagem. Digite a resposta que um servidor de e-mail envia a cada passo; o cliente reage ao que você responder.',
      delivers: 'O cliente entrega uma mensagem de {from} para {to}.',
      reset: 'Recomeçar',
      transcript: 'Transcrição do servidor',
      yourReply: 'Sua resposta, como servidor',
      send: 'Responder',
      subject: 'Olá',
      body: 'Oi Bob,\nesta mensagem foi entregue por um servidor que você interpretou.\n',
      waitsFor: 'O cliente espera a resposta a {command}:',
      greeting: 'sua conexão (a sua saudação)',
      wellBehaved: 'Um servidor bem-comportado responde:',
      useExample: 'Usar a resposta',
      nothingExpected: 'O cliente fechou a conexão. Recomece para jogar de novo.',
      partial: 'Tem mais: essa linha continua a resposta (hífen depois do código). O cliente espera a última linha, com espaço depois do código.',
      problem: 'O que há de errado na linha:',
      expected: 'O esperado aqui:',
      closed: 'O cliente fechou a conexão.',
      noReplyYet: 'Suas respostas são explicadas aqui.',
      fit: {
        Usual: '✓ Certo:',
        Unusual: '≈ Aceita, mas incomum:',
        Refusal: '✓ Uma recusa:',
        UnlistedRefusal: '≈ Uma recusa não listada para este passo:',
        Closing: '✓ Encerrando:',
        Wrong: '✗ Errado para este passo:',
        Malformed: '✗ Não é uma resposta válida:',
        Unsolicited: '✗ Ninguém perguntou:',
      },
    },
    outcome: {
      title: 'Resultado',
      status: {
        InProgress: 'Em andamento',
        Delivered: 'Entregue a todos os destinatários',
        PartiallyDelivered: 'Entregue a alguns destinatários',
        RetryLater: 'Não entregue: o cliente tentará de novo mais tarde',
        Failed: 'Não entregue: falhou de vez',
      },
      recipient: {
        Pending: 'não tentado',
        Accepted: 'aceito',
        Delivered: 'entregue',
        Failed: 'falhou',
        RetryLater: 'tentar mais tarde',
      },
    },
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
    chunkOpen:
      'BDAT: o servidor agora lê exatamente {n} octetos como conteúdo da mensagem, sem dot-stuffing e sem linha “.” (RFC 3030). Digite-os: cada Enter acrescenta o fim de linha (2 octetos com CRLF).',
    chunkLeft: 'O bloco ainda precisa de {n} octetos antes que o servidor responda.',
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
