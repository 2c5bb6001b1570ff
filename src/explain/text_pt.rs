//! Textos em português do Brasil, uma linha por código de resposta, em ordem crescente.

use super::texts_file::keep_first;
use super::{t, CodeText};

// The long texts of the codes outside FIRST_CODES go to the texts file in a `texts-file` build.
pub(crate) static TEXTS: [CodeText; 34] = keep_first([
    t(
        211,
        "Status do sistema",
        "Informações sobre o estado do servidor, para uma pessoa ler. Ela informa; não confirma \
         nenhuma ação.",
        "Em resposta ao HELP (a RFC 5321 lista 211 e 214 como respostas de sucesso dele) ou a um \
         comando de status próprio do servidor. Poucos servidores o enviam hoje; a maioria \
         responde ao HELP com 214.",
        "Nada muda na sessão. Leia o texto, se foi você quem pediu, e siga com o próximo comando.",
        "Não há nada a corrigir: é uma resposta de sucesso só informativa.",
        &[
            (214, "Os dois podem responder ao HELP. O 214 traz o texto de ajuda; o 211 é para o status do sistema."),
            (250, "Os dois são 2xx, mas o 250 confirma que uma ação foi feita; o 211 só informa."),
        ],
    ),
    t(
        214,
        "Mensagem de ajuda",
        "O texto de ajuda do servidor, escrito para uma pessoa: como usar este servidor ou o que \
         faz um comando fora do padrão.",
        "Depois do HELP, com ou sem o nome de um comando (HELP MAIL). Muitas vezes vem em várias \
         linhas.",
        "Nada muda na sessão. Leia e continue; os programas ignoram esse texto.",
        "Não há nada a corrigir. Se você esperava ajuda e recebeu 502, o servidor não implementa \
         o HELP.",
        &[
            (211, "Os dois podem responder ao HELP. O 211 é para status do sistema; o 214, para texto de ajuda."),
            (
                250,
                "Alguns servidores respondem ao HELP com 250 (o aiosmtpd faz isso), mas a RFC \
                 5321 §4.3.2 só lista 211 e 214 como respostas de sucesso do HELP.",
            ),
        ],
    ),
    t(
        220,
        "Serviço pronto",
        "O servidor cumprimenta você e está pronto para receber comandos; o texto começa com o \
         nome dele. O mesmo código responde ao STARTTLS, com o sentido de \"pode começar o \
         handshake TLS\".",
        "Logo que a conexão TCP abre, antes de você digitar qualquer coisa. Também em resposta ao \
         STARTTLS (RFC 3207), logo antes do handshake TLS.",
        "Depois da saudação, envie EHLO (ou HELO, para SMTP simples). Depois de um 220 ao \
         STARTTLS, faça o handshake TLS e envie EHLO de novo: a sessão recomeça do zero.",
        "Não há nada a corrigir. Se ao conectar você recebe 554 ou 421 em vez de 220, o servidor \
         recusou a sessão; se não recebe nada, confira o host, a porta e o firewall.",
        &[
            (
                221,
                "Os dois são respostas x2z, sobre a conexão. O 220 abre a sessão; o 221 a encerra \
                 depois do QUIT.",
            ),
            (
                250,
                "O 220 é só a saudação ou o sinal verde do STARTTLS. A resposta ao EHLO é 250, \
                 não 220.",
            ),
            (554, "Um servidor que não quer falar com você cumprimenta com 554 em vez de 220."),
        ],
    ),
    t(
        221,
        "Encerrando o canal de transmissão",
        "O servidor se despede e fecha a conexão. É a resposta normal, de sucesso, ao QUIT.",
        "Só depois que você envia QUIT (RFC 5321 §3.8, §4.3.2), em qualquer estado: depois de uma \
         mensagem, logo após a saudação ou no meio de uma transação (que então é descartada).",
        "Feche a conexão do seu lado. A sessão acabou; para enviar mais e-mails, conecte de novo.",
        "Não há nada a corrigir: é assim que termina uma sessão bem-feita. Um servidor que está \
         sendo desligado ou que derruba um cliente ocioso envia 421, não 221 (RFC 5321 §3.8, \
         §4.2.3). Se um servidor encerra com 221 uma sessão em que você não mandou QUIT, ele está \
         usando o código errado.",
        &[
            (
                421,
                "Os dois fecham a conexão. O 221 é a resposta de sucesso ao seu QUIT; o 421 quer \
                 dizer que o servidor está fechando por conta própria (desligamento, sobrecarga, \
                 tempo esgotado) e nunca é a resposta ao QUIT.",
            ),
            (220, "O 220 abre a sessão; o 221 a encerra."),
        ],
    ),
    t(
        235,
        "Autenticação bem-sucedida",
        "A troca do AUTH deu certo: agora o servidor sabe quem você é (RFC 4954). Em geral vem \
         com 2.7.0.",
        "Depois de um AUTH com resposta inicial (AUTH PLAIN …) ou da sua última resposta a um \
         desafio 334.",
        "Siga com MAIL FROM. Não envie AUTH de novo nesta sessão: um segundo AUTH recebe 503.",
        "Não há nada a corrigir.",
        &[
            (
                334,
                "O 334 diz que a troca continua e o servidor quer outra resposta; o 235 diz que \
                 ela terminou e deu certo.",
            ),
            (535, "O 535 é o final malsucedido da mesma troca: usuário ou senha errados."),
        ],
    ),
    t(
        250,
        "Ação de correio concluída",
        "O comando funcionou. É a resposta mais comum: o servidor aceitou sua saudação, um \
         remetente, um destinatário, uma mensagem completa ou um reset.",
        "Depois de EHLO/HELO (o 250 do EHLO vem em várias linhas e lista as extensões), MAIL, \
         RCPT, RSET, NOOP, VRFY e depois do \".\" final de uma mensagem ou de um bloco BDAT. \
         Códigos estendidos típicos: 2.1.0 para remetente, 2.1.5 para destinatário, 2.0.0 ou \
         2.6.0 para a mensagem.",
        "Envie o próximo comando da sequência: MAIL depois do EHLO, RCPT depois do MAIL, DATA \
         quando algum destinatário tiver sido aceito e um novo MAIL ou QUIT depois da mensagem.",
        "Não há nada a corrigir. Depois do \".\" final, o 250 significa que o servidor assumiu a \
         responsabilidade de entregar a mensagem (RFC 5321 §4.2.5); o cliente pode esquecê-la.",
        &[
            (
                354,
                "O DATA recebe 354 (\"pode mandar a mensagem\"), não 250. O 250 da mensagem só \
                 vem depois do \".\" final.",
            ),
            (251, "O 251 também aceita o destinatário, mas avisa que o servidor vai encaminhá-lo."),
            (252, "O 252 responde ao VRFY sem confirmar o endereço; o 250 confirma."),
        ],
    ),
    t(
        251,
        "Usuário não é local; será encaminhado",
        "O destinatário foi aceito, mas não mora neste servidor; o servidor vai encaminhar a \
         mensagem para o endereço que ele informa (RFC 5321 §3.4).",
        "Depois de RCPT TO ou VRFY para um endereço que o servidor sabe que mudou. É raro: a \
         maioria dos servidores encaminha sem avisar e responde 250.",
        "Trate como um 250: o destinatário foi aceito. Continue com mais RCPT ou com DATA. Se \
         quiser, atualize seus contatos com o novo endereço.",
        "Não há nada a corrigir; a mensagem será entregue.",
        &[
            (
                551,
                "Os dois informam o novo endereço do usuário. O 251 aceita e encaminha por você; o \
                 551 recusa, e quem envia precisa usar o novo endereço.",
            ),
            (250, "O 250 aceita sem dizer nada sobre encaminhamento."),
        ],
    ),
    t(
        252,
        "Não posso verificar o usuário, mas aceito a mensagem",
        "O servidor não diz se o endereço existe, mas aceita e-mails para ele e tenta entregá-los.",
        "Depois de VRFY (e às vezes de EXPN) em um servidor que não revela seus usuários. A RFC \
         5321 §3.5.3 e §7.3 diz que um servidor com VRFY desativado deve responder 252, e não um \
         erro.",
        "Continue. O VRFY não disse nada; o único jeito de saber se o endereço funciona é enviar \
         a mensagem.",
        "Não há nada a corrigir. Os servidores escondem os usuários de propósito, para que \
         spammers não colecionem endereços.",
        &[
            (250, "O 250 ao VRFY confirma o endereço; o 252 não confirma nem nega."),
            (
                502,
                "Alguns servidores respondem 502 a um VRFY desativado (o Mailpit faz isso); a RFC \
                 5321 §7.3 pede 252.",
            ),
        ],
    ),
    t(
        334,
        "Desafio do servidor",
        "A troca do AUTH continua: o servidor envia um desafio em base64 e espera sua resposta em \
         uma linha só dela (RFC 4954).",
        "Depois do AUTH e depois de cada resposta sua, enquanto o mecanismo precisar de mais. No \
         AUTH LOGIN os dois desafios decodificam para \"Username:\" e \"Password:\"; o AUTH PLAIN \
         sem resposta inicial recebe um desafio vazio (\"334 \").",
        "Envie uma linha só com a sua resposta, codificada em base64, sem nome de comando. Envie \
         \"*\" para cancelar; o servidor então responde 501.",
        "Não há nada a corrigir. Se você não esperava por ele, seu cliente enviou AUTH sem a \
         resposta inicial: envie as credenciais agora.",
        &[
            (
                354,
                "Os dois são 3xx: o servidor espera mais dados. Depois do 334 você envia uma linha \
                 em base64; depois do 354, uma mensagem inteira terminada em \".\".",
            ),
            (235, "O 235 encerra a troca com sucesso; o 334 diz que ela ainda não acabou."),
        ],
    ),
    t(
        354,
        "Início da entrada da mensagem",
        "O servidor aceitou o DATA e espera a mensagem: os cabeçalhos, uma linha em branco, o \
         corpo e, por fim, uma linha só com \".\" (os bytes CRLF . CRLF). É uma resposta 3xx: \
         nada foi aceito ainda.",
        "Depois do DATA, quando pelo menos um RCPT foi aceito. Com PIPELINING, pode chegar junto \
         com as respostas ao MAIL e ao RCPT.",
        "Envie a mensagem e termine com uma linha só com \".\". No caminho, o cliente faz o \
         dot-stuffing: uma linha que começa com \".\" é enviada com mais um \".\" na frente (RFC \
         5321 §4.5.2), e o servidor o remove de novo. Depois espere o veredito de verdade: 250 \
         ou um erro 4xx/5xx.",
        "Não há nada a corrigir no 354 em si. Se a mensagem chega cortada ou alterada, confira o \
         dot-stuffing do cliente: uma linha \".oculta\" do corpo vai pela rede como \"..oculta\", \
         e uma linha só com \".\" vai como \"..\", para não encerrar a mensagem antes da hora. \
         Toda linha deve terminar em CRLF, não em um LF sozinho.",
        &[
            (
                250,
                "O 250 quer dizer \"feito\"; o 354, \"pode continuar, mande a mensagem\". O 250 da \
                 mensagem só vem depois do \".\" final.",
            ),
            (334, "Os dois são 3xx e esperam mais dados, mas o 334 pertence ao AUTH."),
            (503, "Um DATA antes de algum destinatário aceito recebe 503 em vez de 354."),
            (554, "Se todos os destinatários foram recusados, o DATA pode receber 554 em vez de 354."),
        ],
    ),
    t(
        421,
        "Serviço indisponível, encerrando o canal de transmissão",
        "O servidor está fechando a conexão por conta própria, por um motivo que deve passar: \
         está sendo desligado, está sobrecarregado ou você ficou tempo demais sem enviar nada. \
         Pode responder a qualquer comando ou substituir a saudação (RFC 5321 §3.8, §4.2.3).",
        "Ao conectar (conexões demais, limite de taxa); em resposta a qualquer comando quando o \
         servidor precisa desligar; quando um tempo limite se esgota (Postfix: \"421 4.4.2 … \
         Error: timeout exceeded\"); depois de erros demais na mesma sessão.",
        "A conexão está sendo fechada: não envie QUIT nem espere um 221. A transação aberta se \
         perde, então um cliente de e-mail mantém a mensagem na fila e tenta de novo mais tarde; \
         4xx quer dizer temporário.",
        "Tente de novo mais tarde. Se acontece sempre, vá mais devagar (menos conexões, menos \
         mensagens por conexão), responda mais rápido para não estourar os tempos limite e veja \
         se o seu endereço IP está sofrendo limite de taxa.",
        &[
            (
                221,
                "O 221 é a resposta educada ao seu QUIT. O 421 é o servidor desligando por conta \
                 própria; um servidor que derruba um cliente ocioso deve usar 421, não 221.",
            ),
            (554, "O 554 na conexão recusa a sessão de vez; o 421 diz para tentar mais tarde."),
            (450, "O 450 recusa um comando por enquanto, mas mantém a sessão aberta; o 421 a encerra."),
        ],
    ),
    t(
        432,
        "É preciso fazer a transição da senha",
        "O servidor quer que você troque a senha, ou que entre uma vez com um mecanismo de texto \
         simples para que ele guarde sua senha em um formato novo (RFC 4954 §6, código estendido \
         4.7.12).",
        "Depois de um AUTH com um mecanismo que o servidor ainda não consegue usar na sua conta.",
        "Você não está autenticado. Entre uma vez com PLAIN sobre TLS, ou troque a senha como o \
         provedor indicar; depois use o seu mecanismo de sempre.",
        "Siga as instruções do provedor para trocar a senha. O problema é a conta, não os seus \
         comandos SMTP.",
        &[
            (535, "O 535 diz que as credenciais estão erradas; o 432 diz que elas precisam de uma transição antes."),
            (534, "O 534 diz que o mecanismo é fraco demais para este servidor, de forma permanente."),
        ],
    ),
    t(
        450,
        "Caixa postal indisponível (temporário)",
        "A ação não foi feita porque a caixa postal está indisponível por enquanto: ocupada, \
         travada ou bloqueada por um tempo por alguma política. O greylisting usa este código.",
        "Depois do RCPT TO, ou depois do fim da mensagem (o ponto final, ou BDAT … LAST) quando \
         uma política a recusa: os lugares onde a RFC 5321 §4.3.2 o lista. Um remetente recusado \
         também aparece no RCPT, porque o Postfix confere o remetente quando chega o primeiro \
         destinatário (\"450 4.1.8 … Sender address rejected\"). O Gmail envia \"450 4.2.1\" \
         quando um usuário está recebendo e-mails rápido demais.",
        "O comando falhou, mas a sessão continua e outros destinatários ainda podem ser aceitos. \
         Um servidor de e-mail guarda a mensagem e tenta de novo mais tarde, depois de minutos, \
         não de segundos.",
        "Espere e tente de novo. O greylisting deixa passar a segunda tentativa depois de alguns \
         minutos. Se nunca passa, leia o texto: em geral ele cita a política (domínio do \
         remetente não encontrado, limite de taxa).",
        &[
            (
                550,
                "Mesmo sentido, tempo diferente: o 450 diz \"agora não, tente depois\"; o 550 diz \
                 \"não, e tentar de novo não vai adiantar\".",
            ),
            (451, "O 451 culpa um erro interno do servidor; o 450 fala da caixa postal ou de uma política."),
            (452, "O 452 trata de armazenamento ou de destinatários demais."),
        ],
    ),
    t(
        451,
        "Erro local no processamento",
        "Algo deu errado dentro do servidor enquanto ele tratava o seu comando: um problema de \
         disco, uma consulta DNS que demorou demais, um filtro que falhou. O erro é temporário.",
        "Depois de MAIL, RCPT ou no fim do DATA. É comum quando o servidor não consegue verificar \
         o domínio do remetente ou gravar a mensagem na fila.",
        "O comando falhou, mas você pode tentar de novo. No fim do DATA a mensagem NÃO foi \
         aceita: guarde-a e tente mais tarde.",
        "Tente de novo mais tarde. A falha é do lado do servidor; se continuar, escreva para o \
         postmaster dele.",
        &[
            (
                554,
                "O 451 é temporário: tente mais tarde. O 554 recusa a transação de vez: não tente \
                 de novo sem mudar nada.",
            ),
            (450, "O 450 fala da caixa postal ou de uma política; o 451 é um erro dentro do servidor."),
            (421, "O 421 também é uma falha temporária, mas fecha a conexão; o 451 a mantém aberta."),
        ],
    ),
    t(
        452,
        "Armazenamento insuficiente no sistema",
        "O servidor não pode aceitar isso agora porque faltou algum recurso: espaço em disco ou \
         vaga para mais destinatários nesta transação.",
        "Depois do MAIL quando o SIZE declarado não cabe no espaço livre (RFC 1870); depois do \
         RCPT quando você passa do limite de destinatários (\"452 4.5.3 Too many recipients\", \
         RFC 5321 §4.5.3.1.10); no fim do DATA.",
        "Se foram destinatários demais: mantenha os que já foram aceitos, envie a mensagem com \
         DATA e mande o resto em uma nova transação. Nos outros casos, tente mais tarde.",
        "Divida listas grandes de destinatários em várias transações (o servidor deve aceitar \
         pelo menos 100 por mensagem). Se falta espaço em disco, espere; o administrador do \
         servidor precisa liberar espaço.",
        &[
            (
                552,
                "O 552 é permanente: a mensagem é maior do que o servidor aceita. O 452 é \
                 temporário: agora não, ou não tantos de uma vez. A RFC 5321 pede 452 para \
                 destinatários demais, e o cliente deve tratar um 552 nesse caso como temporário.",
            ),
            (450, "O 450 é um problema de caixa postal ou de política; o 452 é falta de recursos."),
        ],
    ),
    t(
        454,
        "TLS indisponível / falha temporária de autenticação",
        "Uma falha de segurança temporária. Depois do STARTTLS, quer dizer que o TLS não pode \
         começar agora (RFC 3207); depois do AUTH, que o servidor não conseguiu conferir suas \
         credenciais agora, por exemplo porque a base de usuários está fora do ar (RFC 4954, \
         4.7.0).",
        "Depois de STARTTLS ou AUTH.",
        "A sessão continua como estava. Não envie sua senha em texto aberto porque o TLS falhou: \
         tente mais tarde, ou saia e conecte de novo.",
        "Tente de novo mais tarde. Se o STARTTLS falha sempre, o certificado ou a configuração de \
         TLS do servidor está com problema; avise o administrador.",
        &[
            (535, "O 535 diz que suas credenciais estão erradas; o 454 diz que não deu para conferi-las agora."),
            (530, "O 530 diz que você precisa usar TLS ou se autenticar antes; o 454 diz que essa etapa falhou por enquanto."),
        ],
    ),
    t(
        455,
        "Servidor incapaz de atender aos parâmetros",
        "O servidor entendeu os parâmetros do MAIL FROM ou do RCPT TO, mas não consegue atendê-los \
         neste momento (RFC 5321 §4.1.1.11).",
        "Depois de MAIL ou RCPT com parâmetros ESMTP (SIZE=, NOTIFY=, RET=, …) que o servidor não \
         consegue honrar agora.",
        "É temporário: tente mais tarde, ou sem o parâmetro, se ele for opcional.",
        "Veja qual parâmetro o texto cita; tire os opcionais ou espere.",
        &[
            (555, "O 555 diz que o parâmetro é desconhecido ou não implementado, de forma permanente."),
            (452, "O 452 é falta de armazenamento; o 455 é sobre os parâmetros."),
        ],
    ),
    t(
        500,
        "Erro de sintaxe, comando não reconhecido",
        "O servidor não conseguiu ler a linha como um comando: o nome do comando é desconhecido \
         ou a linha é longa demais ou malformada.",
        "Depois de qualquer linha que não seja um comando: um erro de digitação (EHOL), uma linha \
         com mais de 512 octetos (RFC 5321 §4.5.3.1.4) ou texto da mensagem enviado antes de o \
         DATA receber 354. Durante o AUTH, \"500 5.5.6\" quer dizer que uma linha de resposta \
         ficou longa demais.",
        "Nada aconteceu e o estado da sessão não mudou. Envie um comando correto.",
        "Confira a grafia do comando e o tamanho da linha. Se você estava digitando o texto da \
         mensagem, envie DATA antes e espere o 354.",
        &[
            (501, "501: o nome do comando está certo, os argumentos não. 500: o próprio comando é desconhecido ou ilegível."),
            (502, "502: o servidor conhece o comando, mas não o implementa."),
            (503, "503: o comando é válido, mas veio na hora errada."),
            (504, "504: o comando está certo, mas o valor de um parâmetro não é suportado."),
        ],
    ),
    t(
        501,
        "Erro de sintaxe nos parâmetros ou argumentos",
        "O comando é conhecido, mas o que vem depois dele está errado: um endereço faltando ou \
         malformado, um argumento onde não cabe nenhum, ou base64 inválido durante o AUTH.",
        "Depois de MAIL FROM sem os sinais de maior e menor, RCPT TO com endereço quebrado, HELO \
         ou EHLO sem domínio, DATA, RSET ou QUIT com argumentos, ou \"*\" para cancelar o AUTH. \
         Códigos estendidos comuns: 5.5.2, 5.5.4, 5.1.3, 5.1.7.",
        "O comando não foi executado e o estado não mudou (RFC 5321 §4.1.4). Envie de novo, \
         corrigido.",
        "Escreva os endereços entre < e >, sem nada entre os dois-pontos e o \"<\": MAIL \
         FROM:<alice@example.com>. Informe o nome do seu host no EHLO. Envie DATA, RSET e QUIT \
         sem argumentos.",
        &[
            (500, "500: o próprio nome do comando é desconhecido. 501: o nome é conhecido, os argumentos estão errados."),
            (502, "502: o comando não é implementado, sejam quais forem os argumentos."),
            (503, "503: o comando e os argumentos estão certos, o momento é que está errado."),
            (504, "504: o argumento está bem escrito, mas indica algo não suportado, como um mecanismo de AUTH."),
            (553, "553: o endereço pode ser lido, mas não é permitido."),
            (555, "555: o endereço está certo, mas um parâmetro ESMTP depois dele não é suportado."),
        ],
    ),
    t(
        502,
        "Comando não implementado",
        "O servidor reconhece o comando, mas não o implementa (RFC 5321 §4.2.4).",
        "Depois de comandos que o servidor decidiu não oferecer: EXPN, HELP, VRFY em alguns \
         servidores, TURN, ou o comando de uma extensão que ele não listou na resposta ao EHLO. \
         Um servidor muito antigo, sem ESMTP, responde 502 ao EHLO; cumprimente-o com HELO.",
        "Nada aconteceu. Siga sem esse comando; depois de um 502 ao EHLO, envie HELO.",
        "Use só comandos e extensões que o servidor listou na resposta ao EHLO. Um servidor não \
         deve anunciar um comando que ele responde com 502.",
        &[
            (
                500,
                "500: o servidor não conhece a palavra. O Postfix responde a comandos \
                 desconhecidos com \"502 5.5.2 Error: command not recognized\", por isso na \
                 prática aparece 502 onde a RFC 5321 sugere 500.",
            ),
            (501, "501: o comando existe e funciona, mas estes argumentos estão errados."),
            (
                503,
                "503: implementado, mas não agora. Alguns servidores (go-smtp) enviam 502 em erros \
                 de sequência; a RFC 5321 pede 503.",
            ),
            (504, "504: o comando funciona, mas o valor de um parâmetro não é implementado."),
        ],
    ),
    t(
        503,
        "Sequência de comandos inválida",
        "O comando é válido, mas não neste ponto da sessão. O SMTP tem uma ordem fixa: EHLO, \
         depois MAIL, depois RCPT, depois DATA. Servidores que enviam códigos estendidos usam \
         5.5.1 com o 503.",
        "MAIL antes de EHLO/HELO, RCPT antes de MAIL, DATA antes de algum destinatário aceito \
         (Postfix: \"503 5.5.1 Error: need RCPT command\"), um segundo MAIL dentro de uma \
         transação, AUTH duas vezes, AUTH no meio de uma transação, ou qualquer comando que não \
         seja QUIT depois de uma saudação 554.",
        "Nada aconteceu e o estado não mudou. Envie antes a etapa que faltou e depois repita o \
         comando.",
        "Siga a ordem: EHLO → (STARTTLS → EHLO) → (AUTH) → MAIL FROM → RCPT TO (pelo menos um \
         aceito) → DATA → mensagem → \".\" → QUIT, ou um novo MAIL. O RSET descarta uma \
         transação pela metade.",
        &[
            (500, "500: a linha nem é um comando. 503: um comando bom na hora errada."),
            (501, "501: os argumentos estão errados. 503: eles podem estar certos, o momento é que não está."),
            (502, "502: o comando não é implementado, seja quando for enviado."),
            (504, "504: o valor de um parâmetro não é suportado; o momento não tem nada a ver."),
            (
                554,
                "Quando todos os destinatários foram recusados, os servidores respondem ao DATA \
                 com 503 ou 554; a RFC 5321 §3.3 permite os dois.",
            ),
        ],
    ),
    t(
        504,
        "Parâmetro do comando não implementado",
        "O comando e a sintaxe estão certos, mas o valor de um parâmetro não é suportado.",
        "AUTH com um mecanismo que o servidor não oferece (AUTH CRAM-MD5 quando ele só lista \
         PLAIN LOGIN); HELO ou EHLO com um nome que a política do servidor recusa (Postfix: \
         \"need fully-qualified hostname\"); VRFY, EXPN ou HELP com um argumento que o servidor \
         não trata.",
        "Nada aconteceu. Tente de novo com um valor suportado.",
        "Leia a resposta ao EHLO: a linha AUTH lista os mecanismos oferecidos. Informe no EHLO o \
         nome completo do seu host.",
        &[
            (500, "500: o próprio comando é desconhecido. 504: o comando é conhecido, um valor não."),
            (501, "501: os argumentos estão malformados. 504: estão bem escritos, mas não são suportados."),
            (502, "502: o comando inteiro não é implementado. 504: só este parâmetro não é."),
            (503, "503: o comando está certo, mas fora de ordem."),
            (555, "555 é o código específico para parâmetros não suportados de MAIL FROM e RCPT TO."),
        ],
    ),
    t(
        521,
        "O host não aceita e-mails",
        "Este host nunca aceita e-mails. É a saudação de uma máquina que existe, mas não oferece \
         serviço de correio para ninguém (RFC 7504).",
        "No lugar do 220, logo depois que você conecta. Depois o servidor fecha a conexão ou \
         responde 521 a todo comando que não seja QUIT.",
        "Envie QUIT e feche. Não tente de novo neste host: a falha é permanente. Tente os outros \
         hosts MX do domínio, se houver.",
        "Confira se você chegou ao host certo: consulte os registros MX do domínio. Se o host é \
         seu, ele está configurado para recusar e-mails.",
        &[
            (
                554,
                "O 554 na conexão também recusa a sessão, muitas vezes por política (um IP em \
                 lista de bloqueio); o 521 diz que este host não recebe e-mails de ninguém.",
            ),
            (556, "O 556 diz que um domínio não aceita e-mails; o 521, que este host não aceita."),
            (421, "O 421 na conexão é temporário; o 521 é permanente."),
        ],
    ),
    t(
        530,
        "Autenticação obrigatória",
        "O acesso está negado até você se autenticar ou proteger a conexão. A RFC 4954 usa \"530 \
         5.7.0 Authentication required\"; a RFC 3207 usa \"530 Must issue a STARTTLS command \
         first\".",
        "Depois do MAIL (o mais comum), do RCPT ou do DATA em um servidor de envio (porta 587) \
         que exige login, ou depois de quase qualquer comando em um servidor que exige TLS antes.",
        "O comando foi recusado. Faça o que o texto pede: STARTTLS, depois EHLO, depois AUTH; aí \
         envie o comando de novo.",
        "Configure seu cliente para usar STARTTLS e para se autenticar (usuário e senha, ou uma \
         senha de app) antes de enviar e-mails.",
        &[
            (535, "535: você tentou se autenticar e falhou. 530: você ainda não se autenticou."),
            (538, "O 538 responde ao próprio AUTH: este mecanismo exige uma conexão criptografada antes."),
            (
                550,
                "Um relay recusado porque você não se autenticou costuma vir como 550 ou 554 com \
                 5.7.1 no RCPT, não como 530.",
            ),
        ],
    ),
    t(
        534,
        "Mecanismo de autenticação fraco demais",
        "O servidor recusa o mecanismo de AUTH escolhido por considerá-lo fraco demais para esta \
         conta ou para a política dele (RFC 4954, 5.7.9).",
        "Depois de AUTH PLAIN ou LOGIN quando o servidor quer algo mais forte, ou quando o \
         provedor exige senha de app ou OAuth.",
        "Você não está autenticado. Use um mecanismo mais forte da resposta ao EHLO, ou o método \
         de login que o provedor pede.",
        "Escolha outro mecanismo da linha AUTH da resposta ao EHLO, ou siga as regras do provedor \
         (senha de app, OAuth 2.0).",
        &[
            (535, "535: o mecanismo está certo, as credenciais estão erradas."),
            (538, "538: o mecanismo está certo, mas só funciona sobre TLS."),
            (504, "504: o servidor nem conhece o mecanismo."),
        ],
    ),
    t(
        535,
        "Credenciais de autenticação inválidas",
        "O login falhou: o usuário, a senha ou o token está errado. Em geral vem com 5.7.8 (RFC \
         4954).",
        "No fim de uma troca do AUTH: depois da sua última resposta a um 334, ou depois de AUTH \
         PLAIN com resposta inicial.",
        "Você continua sem autenticação. Pode tentar o AUTH de novo com as credenciais certas; \
         muitos servidores fecham a conexão depois de algumas falhas.",
        "Confira o usuário (muitas vezes é o endereço completo) e a senha. Muitos provedores, o \
         Gmail entre eles, exigem uma senha de app ou OAuth em vez da senha da conta.",
        &[
            (530, "530: você precisa se autenticar e não se autenticou. 535: você tentou e falhou."),
            (538, "538: recusado antes de as credenciais serem conferidas, porque a conexão não está criptografada."),
            (534, "534: o próprio mecanismo não é aceito."),
            (454, "454: o servidor não conseguiu conferir suas credenciais agora; tente mais tarde."),
        ],
    ),
    t(
        538,
        "Criptografia exigida para o mecanismo de autenticação pedido",
        "O servidor não executa este mecanismo de AUTH em uma conexão sem criptografia (RFC 4954, \
         5.7.11).",
        "Depois de AUTH PLAIN ou AUTH LOGIN antes do STARTTLS, em um servidor que só os oferece \
         sobre TLS.",
        "Você não está autenticado. Envie STARTTLS, conclua o handshake, envie EHLO de novo e só \
         então o AUTH.",
        "Ative o STARTTLS (porta 587) ou o TLS implícito (porta 465) no seu cliente.",
        &[
            (530, "O 530 recusa outros comandos até você se autenticar ou iniciar o TLS; o 538 é a resposta ao próprio AUTH."),
            (535, "535: as credenciais foram conferidas e estão erradas. 538: nem chegaram a ser conferidas."),
            (534, "534: o mecanismo é fraco demais mesmo sobre TLS."),
        ],
    ),
    t(
        550,
        "Caixa postal indisponível",
        "Uma recusa permanente: a caixa postal não existe, você não tem acesso ou uma política \
         rejeita o comando. O código estendido diz qual: 5.1.1 usuário desconhecido, 5.7.1 \
         recusado por política, 5.7.26 remetente reprovado nas verificações de autenticação.",
        "Depois de RCPT TO para um usuário desconhecido ou uma tentativa de relay; depois de MAIL \
         FROM para um remetente recusado; depois do fim do DATA quando um filtro de conteúdo ou o \
         DMARC rejeita a mensagem; depois do EHLO quando o servidor recusa o cliente.",
        "Não repita a mesma coisa. Depois de um RCPT, os outros destinatários ainda podem dar \
         certo: continue com eles. Depois do fim do DATA, a mensagem não foi aceita e o \
         remetente recebe uma mensagem de devolução.",
        "Para 5.1.1, confira se o endereço tem erro de digitação. Para 5.7.x, autentique-se \
         antes de usar o relay e configure SPF, DKIM e DMARC no seu domínio. Leia o texto: é ali \
         que os servidores põem o motivo.",
        &[
            (450, "O 450 é a versão temporária: tente mais tarde. O 550 é definitivo."),
            (
                553,
                "O 553 diz que o próprio endereço não é aceitável (a forma dele, ou você não pode \
                 usá-lo); o 550 diz que a caixa postal está indisponível ou a ação foi negada.",
            ),
            (
                554,
                "O 554 recusa a transação ou a sessão inteira; o 550, em geral, um destinatário. \
                 O Postfix envia \"Relay access denied\" como 554.",
            ),
            (551, "O 551 diz que o usuário está em outro lugar e informa o endereço a usar."),
        ],
    ),
    t(
        551,
        "Usuário não é local; tente outro endereço",
        "O destinatário não está aqui e este servidor não vai encaminhar a mensagem. O texto \
         costuma informar o endereço que deve ser usado (RFC 5321 §3.4).",
        "Depois de RCPT TO ou VRFY para um usuário que mudou de endereço. É raro: a maioria dos \
         servidores encaminha (250 ou 251) ou rejeita com 550.",
        "O destinatário foi recusado. Uma pessoa pode reenviar para o endereço da resposta; um \
         servidor de e-mail simplesmente devolve a mensagem.",
        "Atualize o endereço para o que o servidor informou.",
        &[
            (251, "O 251 aceita e encaminha por você; o 551 recusa e diz para onde ir."),
            (550, "O 550 recusa sem indicar outro caminho."),
        ],
    ),
    t(
        552,
        "Limite de armazenamento excedido",
        "Permanente: a mensagem é grande demais para o servidor ou para a caixa postal. Em geral \
         vem com 5.3.4 (mensagem grande demais para o sistema) ou 5.2.2 (caixa postal cheia).",
        "Depois de MAIL FROM com SIZE= acima do limite fixo do servidor (RFC 1870); no fim do \
         DATA, quando a mensagem passou do permitido; depois do RCPT para uma caixa postal cheia.",
        "A mensagem não foi aceita. Não a envie de novo sem mudanças.",
        "Diminua a mensagem: comprima os anexos ou compartilhe um link no lugar deles. A linha \
         SIZE da resposta ao EHLO informa o limite em octetos.",
        &[
            (
                452,
                "O 452 é temporário: falta espaço agora, ou são destinatários demais de uma vez. O \
                 552 é permanente. A RFC 5321 §4.5.3.1.10 pede 452 para destinatários demais, e \
                 os clientes tratam um 552 nesse caso como temporário.",
            ),
            (554, "O 554 é uma falha geral da transação; o 552 fala especificamente de tamanho ou de espaço."),
        ],
    ),
    t(
        553,
        "Nome de caixa postal não permitido",
        "O endereço não é aceitável do jeito que foi escrito ou usado: o nome da caixa postal tem \
         uma forma inválida, ou é um endereço de remetente que você não pode usar.",
        "Depois de MAIL FROM com um endereço que não pertence ao seu login (Postfix: \"Sender \
         address rejected: not owned by user\"); depois de RCPT TO com um nome de caixa postal \
         inválido; com um endereço não ASCII quando o SMTPUTF8 não foi declarado (553 5.6.7, RFC \
         6531).",
        "O comando foi recusado e o estado não mudou. Corrija o endereço e envie o comando de \
         novo.",
        "Use um endereço de remetente que sua conta pode usar e confira se o nome da caixa postal \
         tem caracteres proibidos. Para um endereço internacionalizado, acrescente SMTPUTF8 ao \
         MAIL FROM em um servidor que anuncie essa extensão.",
        &[
            (550, "550: a caixa postal está indisponível ou o acesso foi negado. 553: o próprio nome não é permitido."),
            (501, "501: o comando está malformado (sinais < >, endereço faltando). 553: o comando está certo, o endereço é que não é aceitável."),
        ],
    ),
    t(
        554,
        "Falha na transação",
        "Uma falha permanente da transação inteira. Como saudação, quer dizer \"não há serviço \
         SMTP aqui\" para você (RFC 5321 §3.1, §4.2.3).",
        "Como saudação, no lugar do 220 (um cliente em lista de bloqueio); depois do DATA quando \
         nenhum destinatário foi aceito (Postfix: \"554 5.5.1 Error: no valid recipients\"); no \
         fim do DATA quando o conteúdo é rejeitado. O Postfix também recusa relay com 554 5.7.1.",
        "Não repita sem mudanças. Depois de uma saudação 554, envie só QUIT: o servidor responde \
         503 a todo o resto (RFC 5321 §3.1). Depois do fim do DATA, a mensagem não foi aceita.",
        "Leia o texto e o código estendido: 5.7.1 é política (relay, reputação, spam), 5.6.x é \
         sobre o conteúdo. Se o seu IP foi bloqueado, consulte as listas de bloqueio e fale com \
         o administrador do servidor.",
        &[
            (451, "O 451 é um erro local temporário: tente mais tarde. O 554 é permanente."),
            (550, "O 550 em geral recusa um destinatário ou remetente; o 554, a transação ou a sessão inteira."),
            (503, "Sem destinatário válido, o DATA recebe 503 ou 554; a RFC 5321 §3.3 permite os dois."),
            (421, "O 421 na conexão diz \"mais tarde\"; o 554 na conexão diz \"não para você\"."),
        ],
    ),
    t(
        555,
        "Parâmetros de MAIL FROM/RCPT TO não reconhecidos ou não implementados",
        "Um parâmetro depois do endereço no MAIL FROM ou no RCPT TO é desconhecido, ou pertence a \
         uma extensão que o servidor não anunciou (RFC 5321 §4.1.1.11). Em geral vem com 5.5.4.",
        "Depois de MAIL FROM:<a@example.com> FOO=bar, ou de SIZE=, BODY=, SMTPUTF8 quando o \
         servidor não listou essa extensão na resposta ao EHLO (ou quando você o cumprimentou com \
         HELO).",
        "O comando foi recusado e o estado não mudou. Envie de novo sem o parâmetro.",
        "Use só parâmetros das extensões que a resposta ao EHLO lista. Se você enviou HELO, envie \
         EHLO no lugar.",
        &[
            (501, "501: a sintaxe do comando está errada. 555: a sintaxe está certa, um parâmetro é que não é suportado."),
            (504, "O 504 cobre parâmetros não suportados de outros comandos, como um mecanismo de AUTH."),
            (455, "455: o parâmetro é suportado, mas não pode ser atendido agora."),
        ],
    ),
    t(
        556,
        "O domínio não aceita e-mails",
        "O domínio do destinatário não aceita e-mail nenhum, por exemplo porque publica um \"null \
         MX\" (RFC 7504, RFC 7505). Costuma vir com 5.1.10.",
        "Depois do RCPT TO, vindo de um servidor de relay ou de envio que consultou o domínio do \
         destinatário e viu que ele não recebe e-mails.",
        "O destinatário foi recusado de vez. Continue com os outros destinatários, se houver.",
        "Confira o domínio do endereço: pode haver um erro de digitação, ou o domínio não é usado \
         para e-mail.",
        &[
            (521, "O 521 diz que este host não recebe e-mails; o 556, que o domínio do destinatário não recebe."),
            (550, "O 550 recusa uma caixa postal; o 556 recusa o domínio inteiro."),
        ],
    ),
]);
