// As palavras da página e do elemento em português do Brasil (as mesmas chaves de en.js); as das
// visões carregadas no primeiro uso estão em pt-BR-views.js, as das ferramentas do modo cliente em
// pt-BR-tools.js, as da página completa em pt-BR-page.js.

export default {
  elementLabel: 'Simulador SMTP',
  loading: 'Carregando o simulador…',
  loadFailed: 'O simulador não conseguiu iniciar neste navegador (é preciso WebAssembly).',
  engine: {
    trapped:
      'O simulador encontrou um erro interno com essa entrada e foi reiniciado. A sua sessão voltou a ser como era antes dela; essa linha não foi enviada.',
    trappedExplain:
      'O simulador encontrou um erro interno ao explicar esta resposta e foi reiniciado. A sua sessão está como estava; escolha outra resposta ou continue.',
    lost: 'O simulador encontrou um erro interno e foi reiniciado; não foi possível restaurar esta sessão, então ela recomeça.',
    unsupported: 'Esta versão ainda não faz isso.',
  },
  explanation: 'Explicação',
  noReplyYet: 'As respostas do servidor são explicadas aqui.',
  more: 'O verbete completo',

  sessionLabel: 'Sessão',
  stage: 'Etapa',
  allowedNext: 'Comandos aceitos agora',
  none: 'nenhum',
  persona: 'Perfil do servidor',
  personaStrict: 'Rigoroso (recusa LF sozinho)',
  personaLenient: 'Tolerante (lê LF sozinho como CRLF)',
  personaVulnerable: 'Vulnerável (encerra no ponto após LF)',
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
  dataMode: 'Você está escrevendo a mensagem. Tecle Enter após cada linha; uma linha só com um ponto (.) a encerra.',
  historyHint: '↑ e ↓ trazem linhas anteriores.',
  lfDotIgnored:
    'Isso não encerrou a mensagem: aqui só CRLF . CRLF a encerra, como em qualquer servidor que não seja vulnerável. Mude “Fim de linha” para CRLF, envie uma linha vazia e depois uma linha só com “.”.',
  closedNotice: 'A conexão está encerrada: nada foi enviado. Use “Reiniciar sessão” para recomeçar.',
  chunkOpen:
    'BDAT: o servidor agora lê exatamente {n} octetos como conteúdo da mensagem, sem dot-stuffing e sem linha “.” (RFC 3030). Digite-os: cada Enter acrescenta o fim de linha (2 octetos com CRLF).',
  chunkLeft: 'O bloco ainda precisa de {n} octetos antes que o servidor responda.',
  messageTyping: 'Mensagem até agora',
  messageStored: 'Mensagem aceita e armazenada',
  bytes: '{n} bytes',
  steps: {
    Connected: 'Conexão',
    Ready: 'Saudação',
    Mail: 'Remetente',
    Rcpt: 'Destinatários',
    Data: 'Mensagem',
    Closed: 'Fim',
  },
  sampleBody: ['Subject: Olá', '', 'Oi Bob, esta mensagem passou pelo smtp-sim.'],
  paste: {
    sent: '{n} linhas coladas: cada uma foi enviada como uma linha.',
    sentOne: '1 linha colada: ela foi enviada.',
  },
  scriptTitle: 'Roteiro: envie uma sessão pronta linha a linha',
  shareTitle: 'Compartilhar',
  authTitle: 'AUTH: entrar',
  authDecoded: 'decodificado: “{text}”',
  export: {
    copy: 'Copiar como texto',
    copied: '{n} linhas copiadas.',
    failed: 'Copiar não é permitido aqui; selecione a transcrição e copie.',
  },

  codeDigits: 'O código, dígito a dígito',
  enhancedCode: 'Código de status estendido',
  noEntry: 'Um código que o catálogo não conhece',
  textsLoading: 'Carregando o resto deste verbete…',
  compareCue: 'comparar com {a}',
  compareBackToExplanation: 'Voltar à explicação',



  compareTitle: '{a} vs {b}',
  compareSame: 'igual',
  // Os contadores sob a caixa de comandos (RFC 5321 §4.5.3.1).
  limits: {
    label: 'Limites',
    commandLine: 'linha {n} / {max} octetos',
    textLine: 'linha de texto {n} / {max} octetos',
    localPart: 'parte local {n} / {max}',
    domain: 'domínio {n} / {max}',
    recipients: 'destinatários {n} / {max}',
    size: 'mensagem {n} / {max} octetos (SIZE)',
  },
  asTyped: 'Como digitada',
  asSent: 'Como enviada (bytes)',
  asStored: 'Como guardada',
  refusedWhy: '{what} recusado ({code}): {why}',
};
