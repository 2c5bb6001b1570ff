// As palavras em português das ferramentas do modo cliente (roteiro, AUTH, Compartilhar) e da
// leitura de uma transcrição ou de um link: carregadas com o seu código, no primeiro uso
// (modes/client-tools.js, element-import.js); o resto está em pt-BR.js. Chaves iguais às de en-tools.js.

export default {
  script: {
    label: 'Linhas a enviar, uma por linha',
    step: 'Enviar a próxima linha',
    run: 'Enviar todas',
    position: 'A próxima é a linha {i} de {n}.',
    done: 'As {n} linhas foram enviadas.',
    empty: 'Cole ou digite aqui as linhas de uma sessão.',
  },
  auth: {
    demo: 'Este servidor tem uma conta de demonstração: usuário {user}, senha {password}.',
    how: 'O AUTH PLAIN envia, em base64, um byte zero, o nome do usuário, um byte zero e a senha.',
    user: 'Usuário',
    password: 'Senha',
    use: 'Pôr no campo de comando',
  },
  import: {
    read: 'Lido como {format}: {n} linhas.',
    format: {
      smtp: 'uma transcrição C:/S:',
      swaks: 'saída do swaks',
      nc: 'uma captura de telnet ou nc',
      smtplib: 'saída de depuração do smtplib do Python',
    },
    drift: 'Gravado “{recorded}”; este motor responde “{now}”.',
    none: 'Nada nesse texto parece uma sessão SMTP.',
  },
  share: {
    make: 'Criar link de compartilhamento',
    credentials: 'Incluir as credenciais do AUTH',
    link: 'Link de compartilhamento',
    ready: 'Um link de {n} caracteres: ele reproduz esta sessão.',
    long: 'Um link de {n} caracteres: alguns chats e sites de cursos cortam links com mais de 2.000 caracteres.',
    tooLong: 'Esta sessão gera um link de {n} caracteres, longo demais para a barra de endereço: envie o arquivo.',
    download: 'Baixar a transcrição',
    copied: 'Copiado.',
    same: 'Sessão compartilhada reproduzida: todas as respostas como gravadas.',
    drifted: 'Sessão compartilhada reproduzida: {n} respostas diferem da gravação (marcadas).',
    error: {
      Shape: 'Isto não é um link de compartilhamento: ele deve terminar em #s=1. e um código.',
      Version: 'Este link foi criado por uma versão mais nova do smtp-sim.',
      Codec: 'Este link usa uma compactação que esta versão não conhece.',
      Base64: 'Este link está danificado: tem caracteres que um link não pode ter.',
      Deflate: 'Este link está cortado ou danificado: copie o link inteiro.',
      TooLarge: 'Este link contém mais de 1 MiB de sessão: ele é recusado.',
      NotUtf8: 'Este link está danificado: o texto dele não pode ser lido.',
    },
  },
};
