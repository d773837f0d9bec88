"""Fill resources/translations/posapp_en.ts with the English of every pt_BR UI string.

    .venv/bin/pyside6-lupdate <posapp/ui/**.py> -ts resources/translations/posapp_en.ts
    .venv/bin/python scripts/translate_en.py
    .venv/bin/pyside6-lrelease resources/translations/posapp_en.ts

(`scripts/update-translations.sh` runs the three.) A string missing here is reported and
left unfinished, so Qt shows the Portuguese.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "resources" / "translations" / "posapp_en.ts"

EN: dict[str, str] = {
    # NFC-e (Gerência > Fiscal, Vendas)
    "Devolução em processamento": "Refund in processing",
    "Devolvido por outro meio": "Returned another way",
    "Inscrição estadual": "State registration (IE)",
    "Cota do parceiro %": "Partner's share %",
    "Contrato": "Contract",
    "Data do contrato": "Contract date",
    "Número": "Number",
    "Razão social": "Legal name",
    "Nome fantasia": "Trade name",
    "Logradouro": "Street",
    "Bairro": "District",
    "Código IBGE do município": "Municipality IBGE code",
    "Município": "Municipality",
    "UF": "State (UF)",
    "CEP": "Postcode (CEP)",
    "CSC (id)": "CSC (id)",
    "Horários ao mesmo tempo (marcados em dois caixas): remarque um deles.": (
        "Appointments at the same time (booked at two counters): move one of them."
    ),
    "Desde": "Since",
    "Devoluções por Pix que o banco não fez (devolver por outro meio)": (
        "Pix refunds the bank did not make (return another way)"
    ),
    "registrar que os %1 da venda %2 foram devolvidos por outro meio": (
        "record that the %1 of sale %2 went back another way"
    ),
    "Nada foi registrado": "Nothing was recorded",
    "Devolução de %1 da venda %2 registrada": "Refund of %1 for sale %2 recorded",
    "autorizada; a SEFAZ recusou o cancelamento": "authorised; SEFAZ refused the cancellation",
    "a venda também tem a NFC-e nº %1: leve as duas ao contador": (
        "the sale also has NFC-e no. %1: take both to the accountant"
    ),
    "cancelamento recusado (%1); nova tentativa no próximo envio": (
        "cancellation refused (%1); tried again at the next send"
    ),
    "Fora do catálogo, não foi ao carrinho: %1.": "No longer sold, not put in the cart: %1.",
    "%1 nota(s) aguardando; %2 fora do prazo.": "%1 note(s) waiting; %2 overdue.",
    "1 Simples Nacional": "1 Simples Nacional",
    "2 Simples Nacional, excesso de sublimite": "2 Simples Nacional, above the sub-limit",
    "3 Regime normal": "3 Normal regime",
    "4 MEI": "4 MEI",
    "A NFC-e está desligada": "NFC-e is off",
    "A SEFAZ não inutilizou o número; tente mais tarde": (
        "SEFAZ did not void the number; try again later"
    ),
    "A SEFAZ não respondeu; tente mais tarde": "SEFAZ did not answer; try again later",
    "Ambiente": "Environment",
    "Arquivo não encontrado: %1": "File not found: %1",
    "Autorizadas: %1": "Authorised: %1",
    "Carregar certificado": "Load certificate",
    "Cashback e vales como desconto": "Cashback and vouchers as a discount",
    "Cashback e vales como pagamento (tPag 19)": "Cashback and vouchers as a payment (tPag 19)",
    "Cashback na nota": "Cashback on the note",
    "Certificado (*.pfx *.p12)": "Certificate (*.pfx *.p12)",
    "Certificado A1": "A1 certificate",
    "Como resolver": "How to fix",
    "Configuração fiscal salva": "Fiscal settings saved",
    "; NFC-e reenviadas: %1, autorizadas: %2": "; NFC-e sent again: %1, authorised: %2",
    "Responsável técnico": "Technical responsible",
    "Contato": "Contact",
    "Telefone (DDD + número)": "Phone (area code + number)",
    "CSRT (id)": "CSRT (id)",
    "Código do CSRT": "CSRT code",
    "A empresa responsável pelo sistema emissor (grupo infRespTec da NFC-e), exigida por "
    "algumas UFs; o CSRT só onde a SEFAZ o forneceu": (
        "The company responsible for the issuing system (the NFC-e's infRespTec group), "
        "required by some states; the CSRT only where SEFAZ gave one"
    ),
    "a SEFAZ exige o responsável técnico: preencha o grupo “Responsável técnico” acima e "
    "salve; a nota é reenviada": (
        "SEFAZ requires the technical responsible: fill in the “Technical responsible” group "
        "above and save; the note is sent again"
    ),
    "Código do CSC": "CSC token",
    "Depois do prazo: cancelar a venda; o contador emite a nota de devolução": (
        "After the limit: void the sale; the accountant issues the return note"
    ),
    "Depois do prazo: não cancelar a venda": "After the limit: do not void the sale",
    "Emitir NFC-e nas vendas de produtos": "Issue an NFC-e for product sales",
    "Enviando…": "Sending…",
    "Enviar pendentes agora": "Send pending notes now",
    "Escolher…": "Choose…",
    "Homologação (testes, sem valor fiscal)": "Homologação (tests, no fiscal value)",
    "Iniciar a série neste número": "Start the series at this number",
    "Inutilizar número": "Void the number",
    "Inutilização cancelada": "Voiding cancelled",
    "NFC-e %1: %2": "NFC-e %1: %2",
    "NFC-e: SEFAZ sem resposta; notas em contingência aguardam envio": (
        "NFC-e: no answer from SEFAZ; contingency notes wait to be sent"
    ),
    "Nenhum certificado A1 carregado.": "No A1 certificate loaded.",
    "Notas pendentes e rejeitadas": "Pending and rejected notes",
    "Numeração definida": "Numbering set",
    "Número inutilizado; a venda recebe uma nova NFC-e": "Number voided; the sale gets a new NFC-e",
    "Prazo": "Deadline",
    "Prazo de cancelamento": "Cancellation limit",
    "Produção": "Production",
    "Próximo número": "Next number",
    "REJEITADA": "REJECTED",
    "Reenviar corrigida": "Resend corrected",
    "Reenvio cancelado": "Resend cancelled",
    "Regime (CRT)": "Tax regime (CRT)",
    "Rejeitada de novo: %1": "Rejected again: %1",
    "SEFAZ": "SEFAZ",
    "Senha do certificado": "Certificate password",
    "alterar a configuração fiscal": "change the fiscal settings",
    "alterar a numeração da NFC-e": "change the NFC-e numbering",
    "arquivo .pfx do certificado A1": "the A1 certificate's .pfx file",
    "automático: enviada quando a SEFAZ responder": "automatic: sent when SEFAZ answers",
    "autorizada": "authorised",
    "corrija o cadastro do item e reenvie (contingência: não inutilizar)": (
        "fix the item's data and resend (contingency: never void)"
    ),
    "corrija o cadastro do item e reenvie, ou inutilize o número": (
        "fix the item's data and resend, or void the number"
    ),
    "em contingência, aguardando envio": "in contingency, waiting to be sent",
    "enviando": "sending",
    "inutilizar o número da NFC-e": "void the NFC-e number",
    "reenviar a NFC-e corrigida": "resend the corrected NFC-e",
    "sem resposta da SEFAZ; será consultada": "no answer from SEFAZ; it will be queried",
    "trocar o certificado A1": "replace the A1 certificate",
    "Fiscal": "Fiscal",
    "DANFE em PDF": "DANFE as PDF",
    "Uma cópia da NFC-e da venda, em PDF": "A copy of the sale's NFC-e, as a PDF",
    "Esta venda não tem NFC-e": "This sale has no NFC-e",
    "DANFE salvo em %1": "DANFE saved to %1",
    "Salvar DANFE": "Save DANFE",
    "NFC-e: %n nota(s) em contingência autorizada(s)": "NFC-e: %n contingency note(s) authorised",
    # Pagamentos (Pix, cards)
    "%1 sem resposta do provedor.": "%1 with no answer from the provider.",
    "(não informada)": "(not given)",
    "A devolver": "To refund",
    "Adicionar credenciadora": "Add acquirer",
    "Aguardando o pagamento…": "Waiting for the payment…",
    "Arquivo PEM": "PEM file",
    "Autorização": "Authorisation",
    "Bandeira": "Brand",
    "CA do PSP (PEM, opcional)": "PSP's CA (PEM, optional)",
    "CNPJ do PSP (NFC-e)": "PSP's CNPJ (NFC-e)",
    "CPF, CNPJ, celular (+55), e-mail ou chave aleatória": (
        "CPF, CNPJ, mobile (+55), e-mail or random key"
    ),
    "Cancelando a cobrança Pix…": "Cancelling the Pix charge…",
    "Cartões": "Cards",
    "Certificado do cliente (PEM)": "Client certificate (PEM)",
    "Chave Pix": "Pix key",
    "Chave do certificado (PEM)": "Certificate key (PEM)",
    "Cidade (até %1)": "City (up to %1)",
    "Client ID": "Client ID",
    "Client secret": "Client secret",
    "Cole ou digite o comprovante da maquininha": "Paste or type the card machine's slip",
    "Comprovante": "Slip",
    "Confira o Pix no aplicativo do cliente e pressione Pago. txid %1": (
        "Check the Pix in the customer's app and press Paid. txid %1"
    ),
    "Consultando o provedor Pix…": "Asking the Pix provider…",
    "Credenciadora": "Acquirer",
    "DOC": "DOC",
    "Dados do cartão: %1 %2": "Card details: %1 %2",
    "Devolver Pix": "Refund Pix",
    "Devolvido": "Refunded",
    "E2E": "E2E",
    "Endereço da API Pix": "API Pix address",
    "Endereço do token (OAuth2)": "Token address (OAuth2)",
    "Esc Outra forma de pagamento": "Esc Another tender",
    "F10 Pago": "F10 Paid",
    "Gerando o QR Pix…": "Making the Pix QR…",
    "Imprimir QR": "Print QR",
    "Integração": "Integration",
    "Ler comprovante": "Read the slip",
    "Maquininha avulsa (tpIntegra 2)": "Stand-alone card machine (tpIntegra 2)",
    "NSU": "NSU",
    "Nada foi devolvido": "Nothing was refunded",
    "Nome (até %1)": "Name (up to %1)",
    "Pagamentos": "Payments",
    "Pagamentos salvos": "Payments saved",
    "Parcelas": "Instalments",
    "Pedir os dados do cartão na venda": "Ask the card details at checkout",
    "Pix (QR estático)": "Pix (static QR)",
    "Pix de %1 devolvido": "Pix of %1 refunded",
    "Pix recebido sem venda: %1 a devolver em Gerência > Pagamentos": (
        "Pix received without a sale: %1 to refund in Management > Payments"
    ),
    "Pix recebidos sem venda (a devolver)": "Pix received without a sale (to refund)",
    "Pix verificados: %1 cobrança(s) retomada(s), %2 Pix a devolver.": (
        "Pix checked: %1 charge(s) resumed, %2 Pix to refund."
    ),
    "Pix": "Pix",
    "Procurar…": "Browse…",
    "Provedor Pix (API Pix, cobrança que se confirma sozinha)": (
        "Pix provider (API Pix, a charge that confirms itself)"
    ),
    "Recebido em": "Received on",
    "Remover": "Remove",
    "TEF / POS integrado (tpIntegra 1)": "TEF / integrated POS (tpIntegra 1)",
    "Tempo para pagar": "Time to pay",
    "Verificar Pix": "Check Pix",
    "Verificação de Pix falhou: %1": "The Pix check failed: %1",
    "Voltar às formas de pagamento": "Back to the tenders",
    "configurar pagamentos": "set up payments",
    "devolver o Pix de %1": "refund the Pix of %1",
    "txid": "txid",
    # Caixa (shifts, cash, X and Z reports)
    "Turno: aberto por %1 em %2": "Shift: opened by %1 at %2",
    "Seção": "Section",
    "Valor (R$)": "Amount (R$)",
    "Fechar o turno: contagem do caixa": "Close the shift: count the drawer",
    "Conte as cédulas e moedas da gaveta.": "Count the notes and coins in the drawer.",
    "Cédula": "Note",
    "Moeda": "Coin",
    "Fundo de troco (R$)": "Opening float (R$)",
    "Abrir turno": "Open shift",
    "Suprimento": "Cash in",
    "Sangria": "Cash out",
    "Fechar turno": "Close shift",
    "Relatório X": "X report",
    "Redução Z": "Z report",
    "Imprimir": "Print",
    "Salvar PDF": "Save PDF",
    "Salvar CSV": "Save CSV",
    "Nenhum turno aberto": "No shift open",
    "Turno aberto por %1 em %2, fundo de troco %3": "Shift opened by %1 at %2, float %3",
    "Turno aberto.": "Shift opened.",
    "suprimento": "cash in",
    "sangria": "cash out",
    "%1 de %2 registrado.": "%1 of %2 recorded.",
    "fechar o turno": "close the shift",
    "Turno fechado. Esperado %1, contado %2, diferença %3.": (
        "Shift closed. Expected %1, counted %2, difference %3."
    ),
    "redução Z": "Z report",
    "Relatório impresso.": "Report printed.",
    "Não foi possível imprimir: %1": "Could not print: %1",
    "Salvar relatório em PDF": "Save the report as PDF",
    "PDF salvo em %1": "PDF saved to %1",
    "Salvar relatório em CSV": "Save the report as CSV",
    "CSV salvo em %1": "CSV saved to %1",
    "Reduções Z deste caixa": "This counter's Z reports",
    "Nenhuma redução Z ainda": "No Z report yet",
    "Líquido": "Net",
    "Fechado por": "Closed by",
    # Vendas: refund and void receipts
    "Qual devolução imprimir": "Which refund to print",
    "Imprimir comprovante": "Print receipt",
    "Imprime de novo o comprovante de devolução ou de cancelamento": (
        "Prints the refund or void receipt again"
    ),
    "Imprimindo o comprovante…": "Printing the receipt…",
    "Comprovante impresso": "Receipt printed",
    # Venda: F11, the discount on the whole sale
    "F11 Desc. venda": "F11 Sale discount",
    "Desconto na venda": "Discount on the sale",
    "Porcentagem (%)": "Percentage (%)",
    "Acima de %1 do total pede a senha de um gerente.": (
        "Above %1 of the total needs a manager's PIN."
    ),
    "Subtotal": "Subtotal",
    "Fica": "Comes to",
    "Tirar desconto": "Remove discount",
    "%1 de desconto, total %2": "%1 off, total %2",
    "Informe uma porcentagem entre 0 e 100.": "Enter a percentage between 0 and 100.",
    "Informe um valor até %1.": "Enter an amount up to %1.",
    "Desconto na venda retirado.": "Discount on the sale removed.",
    "Desconto na venda: %1": "Discount on the sale: %1",
    "Subtotal %1 · Descontos %2 (na venda: %3) · ": (
        "Subtotal %1 · Discounts %2 (on the sale: %3) · "
    ),
    "Ajustar saldo": "Adjust balance",
    "Crédito (somar)": "Credit (add)",
    "Débito (tirar)": "Debit (take away)",
    "pontos": "points",
    "ex.: compra não registrada no dia 10": "e.g. purchase not recorded on the 10th",
    "Tipo": "Type",
    "Pontos": "Points",
    "Valor": "Amount",
    "Motivo": "Reason",
    "Continuar": "Continue",
    "Cancelar": "Cancel",
    "Informe um valor maior que zero.": "Enter an amount greater than zero.",
    "Informe o motivo do ajuste.": "Enter the reason for the adjustment.",
    "Descrição": "Description",
    "Qtd": "Qty",
    "Preço unit.": "Unit price",
    "Desconto": "Discount",
    "Total": "Total",
    "Profissional": "Professional",
    "Escolha quem fez o serviço": "Choose who performed the service",
    "(escolher)": "(choose)",
    "Quantidade inválida: %1. Use um número inteiro maior que zero.": (
        "Invalid quantity: %1. Use a whole number greater than zero."
    ),
    "Desconto inválido: %1.": "Invalid discount: %1.",
    "Preço inválido: %1.": "Invalid price: %1.",
    "Valor inválido: %1.": "Invalid amount: %1.",
    "Cliente": "Customer",
    "CPF, celular ou nome do cliente:": "Customer's CPF, mobile number or name:",
    "Cadastrar novo cliente": "Enrol a new customer",
    "Nenhum cliente encontrado. Cadastre um novo.": "No customer found. Enrol a new one.",
    "Nome": "Name",
    "CPF / Celular": "CPF / Mobile",
    "Saldo": "Balance",
    "A liberar": "Pending",
    "Vence em 30 dias": "Expires in 30 days",
    "Clientes": "Customers",
    "Buscar por nome, CPF ou celular": "Search by name, CPF or mobile number",
    "Escolha um cliente na lista": "Choose a customer from the list",
    "CPF": "CPF",
    "Celular": "Mobile",
    "E-mail": "E-mail",
    "Aniversário": "Birthday",
    "Ofertas e lembretes": "Offers and reminders",
    "Indicado por": "Referred by",
    "Saldo disponível": "Available balance",
    "Editar dados": "Edit details",
    "Imprimir saldo": "Print balance",
    "Só com a senha de um gerente": "Needs a manager's PIN",
    "Histórico": "History",
    "Vales": "Vouchers",
    "Indicações": "Referrals",
    "Nenhum cliente encontrado": "No customer found",
    "1 cliente encontrado": "1 customer found",
    "%1 clientes encontrados": "%1 customers found",
    "Código de indicação: %1 · cliente desde %2": "Referral code: %1 · customer since %2",
    "sim, desde %1": "yes, since %1",
    "não": "no",
    "%1 pontos (%2)": "%1 points (%2)",
    "Vales (%1)": "Vouchers (%1)",
    "Indicações (%1)": "Referrals (%1)",
    "Dados do cliente salvos": "Customer details saved",
    "Entre com seu PIN primeiro.": "Sign in with your PIN first.",
    "Imprimindo o saldo…": "Printing the balance…",
    "Saldo impresso": "Balance printed",
    "Não imprimiu: %1 (o saldo ficou na fila)": (
        "Not printed: %1 (the slip is waiting in the queue)"
    ),
    "ajustar o saldo de %1": "adjust the balance of %1",
    "Ajuste cancelado": "Adjustment cancelled",
    "Saldo ajustado": "Balance adjusted",
    "Cupom da venda #%1": "Receipt of sale #%1",
    "Abrindo o cupom…": "Opening the receipt…",
    "Abrindo o caixa…": "Opening the counter…",
    "Editar cliente": "Edit customer",
    "dd/mm/aaaa": "dd/mm/yyyy",
    "Aceita receber ofertas e lembretes de saldo (LGPD)": (
        "Agrees to receive offers and balance reminders (LGPD)"
    ),
    "Salvar": "Save",
    "Informe o nome.": "Enter the name.",
    "Aniversário inválido: use dd/mm/aaaa.": "Invalid birthday: use dd/mm/yyyy.",
    "Cadastrar cliente": "Enrol customer",
    "Aceita receber mensagens (WhatsApp/SMS/e-mail)": (
        "Agrees to receive messages (WhatsApp/SMS/e-mail)"
    ),
    "opcional": "optional",
    "Código de quem indicou": "Referrer's code",
    "Informe o nome do cliente.": "Enter the customer's name.",
    "Data": "Date",
    "Movimento": "Movement",
    "Venda": "Sale",
    "Vale": "Voucher",
    "Observação": "Note",
    "Clique duas vezes para ver o cupom da venda": "Double-click to see the sale's receipt",
    "Cashback ganho": "Cashback earned",
    "Cashback usado": "Cashback spent",
    "Vencimento": "Expiry",
    "Estorno de cashback": "Cashback reversed",
    "Cashback devolvido": "Cashback given back",
    "Ajuste manual": "Manual adjustment",
    "Bônus de indicação": "Referral bonus",
    "Vale emitido": "Voucher issued",
    "Vale usado": "Voucher used",
    "Vale devolvido": "Voucher given back",
    "Troco de vale": "Voucher change",
    "Vale cancelado": "Voucher cancelled",
    "Disponível": "Available",
    "Usado": "Used",
    "Vencido": "Expired",
    "Cancelado": "Cancelled",
    "Autorização do gerente": "Manager's authorization",
    "Senha do gerente para: %1": "Manager's PIN to: %1",
    "Vendas estacionadas": "Parked sales",
    "Escolha a venda para recuperar:": "Choose the sale to recall:",
    "Pagamento": "Payment",
    "Total: %1": "Total: %1",
    "Cashback (até %1)": "Cashback (up to %1)",
    "Cashback": "Cashback",
    "código ou QR do vale": "voucher code or QR",
    "Dinheiro": "Cash",
    "Débito": "Debit card",
    "Crédito": "Credit card",
    "PIX": "PIX",
    "Restante em %1": "Rest in %1",
    "Esc Voltar": "Esc Back",
    "F10 Finalizar": "F10 Finish",
    "Valor inválido: %1": "Invalid amount: %1",
    "Falta: %1": "Due: %1",
    "Troco: %1": "Change: %1",
    "Pagamento completo": "Fully paid",
    "Vale %1: %2": "Voucher %1: %2",
    "Finalizando…": "Finishing…",
    "PIN": "PIN",
    "Limpar": "Clear",
    "Entrar": "Sign in",
    "(ninguém)": "(nobody)",
    "Fechar": "Close",
    "Cliente indicado": "Referred customer",
    "Cadastro": "Enrolled",
    "Compras": "Purchases",
    "Bônus recebido": "Bonus received",
    "Administração": "Administrator",
    "Gerente": "Manager",
    "Caixa": "Cashier",
    "Código de barras, SKU ou nome — Enter": "Barcode, SKU or name — Enter",
    "Buscar pelo nome": "Search by name",
    "Tirar cliente": "Remove customer",
    "F9 Cadastrar": "F9 Enrol",
    "F2 Cliente": "F2 Customer",
    "F3 Buscar": "F3 Search",
    "F4 Desconto": "F4 Discount",
    "F5 Estacionar": "F5 Park",
    "F6 Recuperar": "F6 Recall",
    "F7 Reimprimir": "F7 Reprint",
    "F8 Cancelar venda": "F8 Cancel sale",
    "Del Remover": "Del Remove",
    "F10 Pagar": "F10 Pay",
    "Entre com seu PIN para vender.": "Sign in with your PIN to sell.",
    "Código %1 não cadastrado. Busque o produto pelo nome (F3).": (
        "Code %1 is not in the catalogue. Search for the product by name (F3)."
    ),
    "%1 — %2": "%1 — %2",
    "Digite parte do nome do produto ou serviço e tecle Enter.": (
        "Type part of the product's or service's name and press Enter."
    ),
    "serviço": "service",
    "produto": "product",
    "%1 resultado(s) para “%2”: escolha com ↓ e Enter.": (
        "%1 result(s) for “%2”: choose with ↓ and Enter."
    ),
    "Nada encontrado para “%1”.": "Nothing found for “%1”.",
    "Removido: %1": "Removed: %1",
    "Nenhum item para dar desconto.": "No item to discount.",
    "Subtotal %1 · Descontos %2 · ": "Subtotal %1 · Discounts %2 · ",
    "Cliente: %1": "Customer: %1",
    "Sem cliente (F2 para identificar)": "No customer (F2 to identify)",
    "Saldo disponível: %1": "Available balance: %1",
    "A liberar: %1": "Pending: %1",
    "Vence em breve: %1": "Expiring soon: %1",
    "Vale %1: %2 (até %3)": "Voucher %1: %2 (until %3)",
    "Nenhum vale em aberto": "No open vouchers",
    "Carregando saldo…": "Loading balance…",
    "%1 pontos": "%1 points",
    "Esta compra rende: %1": "This purchase earns: %1",
    "A venda não tem itens.": "The sale has no items.",
    "Escolha o profissional de “%1” (coluna Profissional).": (
        "Choose the professional for “%1” (Professional column)."
    ),
    "Venda nº %1 concluída: %2": "Sale no. %1 completed: %2",
    "Venda nº %1": "Sale no. %1",
    "TOTAL %1": "TOTAL %1",
    "Troco %1": "Change %1",
    "Pontos ganhos": "Points earned",
    "Saldo de pontos %1": "Points balance %1",
    "Saldo de cashback %1": "Cashback balance %1",
    "Vale novo %1: %2": "New voucher %1: %2",
    "Nenhum recibo para reimprimir.": "No receipt to reprint.",
    "Reimprimindo…": "Reprinting…",
    "Falha na impressão: %1. A venda está salva; F7 reimprime.": (
        "Printing failed: %1. The sale is saved; F7 reprints."
    ),
    "Recibo impresso.": "Receipt printed.",
    "Recibo impresso, mas falta nota fiscal: %1 Chame o gerente (Gerência > Fiscal).": (
        "Receipt printed, but a fiscal note is missing: %1 Call the manager (Gerência > Fiscal)."
    ),
    "Não há venda para estacionar.": "There is no sale to park.",
    "Venda estacionada (nº %1). F6 recupera.": "Sale parked (no. %1). F6 recalls it.",
    "Finalize ou estacione a venda atual antes de recuperar outra.": (
        "Finish or park the current sale before recalling another."
    ),
    "Nenhuma venda estacionada.": "No parked sales.",
    "Venda recuperada: %1": "Sale recalled: %1",
    "Não há venda em andamento para cancelar.": "There is no sale in progress to cancel.",
    "Cancelamento não autorizado.": "Cancellation not authorized.",
    "Venda cancelada, autorizada por %1.": "Sale cancelled, authorized by %1.",
    "%1 (demonstração)": "%1 (demo)",
    "Sair": "Sign out",
    "Ninguém no caixa": "Nobody signed in",
    "Turno: —": "Shift: —",
    "Impressora OK": "Printer OK",
    "Leitor: teclado": "Scanner: keyboard",
    "Sincronização: desligada": "Sync: off",
    "Impressora OK (%1 na fila)": "Printer OK (%1 queued)",
    "erro": "error",
    "Impressora: %1 (%2 na fila)": "Printer: %1 (%2 queued)",
    "A tela de venda ainda não está disponível.": "The sale screen is not available yet.",
    "Quem está no caixa?": "Who is at the counter?",
    "Toque no seu nome": "Tap your name",
    "Demonstração — PINs para entrar:": "Demo — PINs to sign in:",
    "%1, digite seu PIN": "%1, type your PIN",
    "Toque no seu nome antes de digitar o PIN.": "Tap your name before typing the PIN.",
    "Digite seu PIN.": "Type your PIN.",
    "Acesso de %1 bloqueado, tente em %2 min": "%1 is locked out, try again in %2 min",
    "Código": "Code",
    "Compra mínima": "Minimum purchase",
    "Validade": "Valid until",
    "Programa: %1": "Program: %1",
    "Situação": "Status",
    "Vendas": "Sales",
    "Escolha uma venda na lista": "Choose a sale from the list",
    "Hoje": "Today",
    "Nº da venda": "Sale number",
    "Buscar": "Search",
    "Dia": "Day",
    "Nº": "No.",
    "Atendente": "Staff",
    "Concluída": "Completed",
    "Devolvida em parte": "Partly refunded",
    "Devolvida": "Refunded",
    "Cancelada": "Voided",
    "Devolvidos": "Returned",
    "Reimprimir": "Reprint",
    "Devolver itens": "Return items",
    "Cancelar venda": "Void sale",
    "Carregando o cupom…": "Loading the receipt…",
    "Nenhuma venda com o número %1": "No sale with number %1",
    "Nenhuma venda neste dia": "No sales on this day",
    "1 venda": "1 sale",
    "%1 vendas": "%1 sales",
    "Venda nº %1 · %2": "Sale no. %1 · %2",
    "%1 · cliente: %2 · atendente: %3 · total %4": "%1 · customer: %2 · staff: %3 · total %4",
    "Pagamento: %1": "Payment: %1",
    "Cancelamento": "Void",
    "Devolução": "Refund",
    "%1 em %2: %3 devolvidos (%4; autorizado por %5)": (
        "%1 on %2: %3 given back (%4; authorized by %5)"
    ),
    "Estornar no cartão de crédito: %1": "Reverse on the credit card: %1",
    "Estornar no cartão de débito: %1": "Reverse on the debit card: %1",
    "Devolver por PIX: %1": "Give back by PIX: %1",
    "Não foi possível mostrar o cupom: %1": "Could not show the receipt: %1",
    "Reimprimindo o cupom…": "Reprinting the receipt…",
    # Receipt by message (sale screen Ctrl+E, Vendas)
    "Enviar comprovante": "Send receipt",
    "Enviar comprovante da venda nº %1": "Send the receipt of sale no. %1",
    "O comprovante por e-mail ou WhatsApp": "The receipt by e-mail or WhatsApp",
    "Enviar por": "Send by",
    "Para": "To",
    "Enviar": "Send",
    "nome@exemplo.com.br (em branco: o do cadastro)": "name@example.com (blank: the one on file)",
    "(11) 91234-5678 (em branco: o do cadastro)": "(11) 91234-5678 (blank: the one on file)",
    "Comprovante na fila para %1.": "Receipt queued for %1.",
    "Nenhuma venda para enviar o comprovante.": "No sale to send the receipt of.",
    "Ctrl+E envia o comprovante": "Ctrl+E sends the receipt",
    "Comprovante da venda": "Sale receipt",
    # A customer's request to be forgotten (Gerência > Sincronização)
    "Cliente pediu para ser esquecido (LGPD)": "Customer asked to be forgotten (LGPD)",
    "Anonimizar cliente": "Anonymize customer",
    "Dispensar pedido": "Dismiss request",
    "dispensar o pedido de %1": "dismiss %1's request",
    "Cupom reimpresso": "Receipt reprinted",
    "Cupom impresso, mas falta nota fiscal: %1": (
        "Receipt printed, but a fiscal note is missing: %1"
    ),
    "Não imprimiu: %1 (o cupom ficou na fila)": "Not printed: %1 (the receipt is queued)",
    "devolução na venda nº %1": "refund on sale no. %1",
    "Devolução cancelada": "Refund cancelled",
    "Devolvendo…": "Refunding…",
    "cancelar a venda nº %1": "void sale no. %1",
    "Cancelamento não autorizado": "Void not authorized",
    "Cancelando a venda…": "Voiding the sale…",
    "Venda nº %1 cancelada": "Sale no. %1 voided",
    "Devolução na venda nº %1: %2 em itens": "Refund on sale no. %1: %2 of goods",
    "Devolver em dinheiro: %1": "Give back in money: %1",
    "Cashback devolvido: %1": "Cashback given back: %1",
    "Cashback estornado: %1": "Cashback reversed: %1",
    "Retido do cashback já usado: %1": "Kept for cashback already spent: %1",
    "Vales reabertos: %1": "Vouchers reopened: %1",
    "Vales cancelados: %1": "Vouchers cancelled: %1",
    "Devolver itens da venda nº %1": "Return items of sale no. %1",
    "Item": "Item",
    "Vendidos": "Sold",
    "Já devolvidos": "Already returned",
    "Devolver": "Return",
    "Tudo o que falta": "Everything left",
    "ex.: produto com defeito": "e.g. faulty product",
    "Escolha ao menos um item para devolver.": "Choose at least one item to return.",
    "Informe o motivo.": "Enter a reason.",
    "Cancelar a venda nº %1": "Void sale no. %1",
    "A venda nº %1 (%2) será cancelada por inteiro.": "Sale no. %1 (%2) will be voided in full.",
    "ex.: venda lançada errada": "e.g. sale entered by mistake",
    "Voltar": "Back",
    # Painel (dashboard) and CSV import / export
    "Painel": "Dashboard",
    "Atualizar": "Refresh",
    "Importar / exportar CSV…": "Import / export CSV…",
    "Importar / exportar CSV": "Import / export CSV",
    "Vendas (R$)": "Sales (R$)",
    "Vendas de hoje por hora": "Today's sales by hour",
    "Cashback ganho (R$)": "Cashback earned (R$)",
    "Cashback usado (R$)": "Cashback spent (R$)",
    "Últimos 30 dias": "Last 30 days",
    "Cashback + vales em aberto (R$)": "Cashback + open vouchers (R$)",
    "Saldo a resgatar pelos clientes": "What customers can still spend",
    "O painel é só para gerentes.": "The dashboard is for managers only.",
    "Hoje: %1 vendas, %2": "Today: %1 sales, %2",
    "Catálogo": "Catalog",
    "Importar CSV…": "Import CSV…",
    "Exportar CSV…": "Export CSV…",
    "Linhas recusadas": "Rows refused",
    "Colunas: %1": "Columns: %1",
    "Importar clientes": "Import customers",
    "Importar catálogo": "Import catalog",
    "Importando %1…": "Importing %1…",
    "%1 de %2 linhas importadas; %3 recusadas.": "%1 of %2 rows imported; %3 refused.",
    "Categorias criadas: %1.": "Categories created: %1.",
    "Exportar clientes": "Export customers",
    "Exportar catálogo": "Export catalog",
    "%1 registros exportados para %2.": "%1 records exported to %2.",
    "Linha": "Line",
    "Conteúdo": "Content",
    # -- Gerência (settings) --
    "Instalação da loja": "Store set-up",
    "Dados da loja": "Store details",
    "Programa de fidelidade": "Loyalty program",
    "Configurações": "Settings",
    "Equipe: cadastro": "Staff: added",
    "Equipe: função": "Staff: role",
    "Equipe: troca de PIN": "Staff: PIN reset",
    "Equipe: desativação": "Staff: deactivated",
    "Entrada no caixa": "Sign-in",
    "Quando": "When",
    "Quem": "Who",
    "Autorizado por": "Authorized by",
    "Ação": "Action",
    "Alvo": "Target",
    "Detalhes": "Details",
    "A Gerência é só para gerentes e administradores.": (
        "Management is for managers and administrators only."
    ),
    "Loja": "Store",
    "Programa": "Program",
    "Impressora": "Printer",
    "Equipe": "Staff",
    "Auditoria": "Audit log",
    "Gerência": "Management",
    "Salvando…": "Saving…",
    "Salvar dados da loja": "Save store details",
    "CNPJ": "CNPJ",
    "Endereço": "Address",
    "Telefone": "Phone",
    "alterar os dados da loja": "change the store details",
    "Alteração cancelada": "Change cancelled",
    "Dados da loja salvos": "Store details saved",
    "(programa em vigor)": "(program in force)",
    "ex.: servicos: 20; higiene: 5": "e.g. servicos: 20; higiene: 5",
    "ex.: medicamentos, tabaco": "e.g. medicamentos, tabaco",
    "Permitir saldo negativo após devoluções": "Allow a negative balance after returns",
    "Sem vale": "No voucher",
    "Saldo vira vale ao chegar a um valor": (
        "The balance becomes a voucher when it reaches an amount"
    ),
    "Vale de desconto após compra acima de um valor": (
        "A discount voucher after a purchase above an amount"
    ),
    "Indicação premiada": "Referral bonus",
    "Salvar programa": "Save program",
    "Ganho": "Earning",
    "Nome do programa": "Program name",
    "Modo": "Mode",
    "Cashback (%)": "Cashback (%)",
    "% por categoria": "% per category",
    "Categorias sem cashback": "Categories without cashback",
    "Compra mínima (R$)": "Minimum purchase (R$)",
    "Pontos por real": "Points per real",
    "Pontos por troca": "Points per redemption",
    "Valor da troca (R$)": "Redemption value (R$)",
    "Uso e validade": "Spending and expiry",
    "Dias para liberar": "Days until available",
    "Validade (dias, 0 = não vence)": "Valid for (days, 0 = never expires)",
    "Paga até (% da compra)": "Pays up to (% of the purchase)",
    "Lembrete após (dias sem visita)": "Reminder after (days without a visit)",
    "Regra": "Rule",
    "A partir de (R$)": "From (R$)",
    "Em passos de (R$, 0 = todo o saldo)": "In steps of (R$, 0 = the whole balance)",
    "Valor do vale (R$)": "Voucher value (R$)",
    "ou desconto (%)": "or discount (%)",
    "Desconto máximo (R$)": "Maximum discount (R$)",
    "Usar a partir de (R$)": "Usable from (R$)",
    "Validade do vale (dias)": "Voucher valid for (days)",
    "Indicação": "Referral",
    "Bônus de quem indica (R$)": "Referrer's bonus (R$)",
    "Bônus do indicado (R$)": "New customer's bonus (R$)",
    "Na primeira compra a partir de (R$)": "On a first purchase from (R$)",
    "Começar de": "Start from",
    "Exemplo": "Example",
    "Numa compra de": "On a purchase of",
    "valor inválido em %1: %2": "invalid amount in %1: %2",
    "use 'categoria: %' em % por categoria: %1": "use 'category: %' in % per category: %1",
    "carregando o programa…": "loading the program…",
    "A partir de": "From",
    "Em passos de": "In steps of",
    "Valor do vale": "Voucher value",
    "desconto (%)": "discount (%)",
    "Desconto máximo": "Maximum discount",
    "Usar a partir de": "Usable from",
    "Bônus de quem indica": "Referrer's bonus",
    "Bônus do indicado": "New customer's bonus",
    "Na primeira compra a partir de": "On a first purchase from",
    "Paga até": "Pays up to",
    "Valor da troca": "Redemption value",
    "Numa compra de %1 o cliente não ganha nada: o mínimo é %2.": (
        "On a purchase of %1 the customer earns nothing: the minimum is %2."
    ),
    "Numa compra de %1 o cliente ganha %2 pontos (%3)": (
        "On a purchase of %1 the customer earns %2 points (%3)"
    ),
    "Numa compra de %1 o cliente ganha %2 de cashback": (
        "On a purchase of %1 the customer earns %2 cashback"
    ),
    ", liberado em %1 dias": ", available in %1 days",
    ", válido por %1 dias": ", valid for %1 days",
    "O saldo vira um vale de %1 (válido por %2 dias).": (
        "The balance becomes a voucher of %1 (valid for %2 days)."
    ),
    "%1 de desconto": "%1 off",
    "A compra dá um vale de %1 (válido por %2 dias).": (
        "The purchase earns a voucher of %1 (valid for %2 days)."
    ),
    "Os pontos podem pagar até %1 desta compra.": "Points may pay up to %1 of this purchase.",
    "O cashback pode pagar até %1 desta compra.": "Cashback may pay up to %1 of this purchase.",
    "alterar o programa de fidelidade": "change the loyalty program",
    "Programa salvo: vale a partir da próxima venda": (
        "Program saved: it applies from the next sale"
    ),
    "Pino %1": "Pin %1",
    "(nenhum)": "(none)",
    "Imprimir teste": "Print test page",
    "Impressora (endereço)": "Printer (address)",
    "Papel": "Paper",
    "Modelo": "Model",
    "Gaveta": "Drawer",
    "Leitor: prefixo": "Scanner: prefix",
    "Leitor: final": "Scanner: suffix",
    "Leitor: intervalo máximo entre teclas": "Scanner: longest gap between keys",
    "alterar impressora e leitor": "change the printer and scanner",
    "Impressora e leitor salvos": "Printer and scanner saved",
    "Imprimindo a página de teste…": "Printing the test page…",
    "Página de teste impressa": "Test page printed",
    "Não imprimiu: %1": "Not printed: %1",
    "Cadastrar": "Add",
    "Mudar função": "Change role",
    "Trocar PIN": "Reset PIN",
    "Desativar": "Deactivate",
    "cadastrar %1 na equipe": "add %1 to the staff",
    "%1 cadastrado(a)": "%1 added",
    "mudar a função de %1": "change %1's role",
    "Função de %1 alterada": "%1's role changed",
    "trocar o PIN de %1": "reset %1's PIN",
    "PIN de %1 trocado": "%1's PIN reset",
    "desativar %1": "deactivate %1",
    "%1 desativado(a)": "%1 deactivated",
    "Buscar no registro": "Search the log",
    "Todas as ações": "All actions",
    "Toda a equipe": "All staff",
    "De": "From",
    "Anterior": "Previous",
    "Próxima": "Next",
    "até": "to",
    "Página %1 de %2 · %3 registros": "Page %1 of %2 · %3 entries",
    "Cadastrar na equipe": "Add to the staff",
    "Mudar a função": "Change the role",
    "Trocar o PIN": "Reset the PIN",
    "Pessoa": "Person",
    "Função": "Role",
    "PIN (4 a 6 dígitos)": "PIN (4 to 6 digits)",
    "Repita o PIN": "Repeat the PIN",
    "Os dois PINs não são iguais.": "The two PINs differ.",
    "Ativo": "Active",
    "Desativado": "Deactivated",
    # First-run wizard
    "O nome que aparece no cupom e o segmento da loja.": (
        "The name on the receipt and the store's segment."
    ),
    "Salão de beleza": "Beauty salon",
    "Farmácia": "Pharmacy",
    "Moda": "Fashion",
    "Cosméticos": "Cosmetics",
    "Nome da loja": "Store name",
    "Segmento": "Segment",
    "Administrador": "Administrator",
    "Quem administra o caixa entra com este PIN.": (
        "Whoever runs the counter signs in with this PIN."
    ),
    "Informe o nome do administrador.": "Enter the administrator's name.",
    "Escolha a impressora de cupons e imprima uma página de teste.": (
        "Pick the receipt printer and print a test page."
    ),
    "Procurar impressoras USB": "Look for USB printers",
    "Endereço de rede": "Network address",
    "USB: %1": "USB: %1",
    "Impressora de rede (endereço)": "Network printer (address)",
    "Sem impressora por enquanto": "No printer for now",
    "Procurando impressoras USB…": "Looking for USB printers…",
    "Nenhuma impressora USB: %1": "No USB printer: %1",
    "Página de teste impressa. Saiu certinha?": "Test page printed. Did it come out right?",
    "Informe o endereço da impressora de rede.": "Enter the network printer's address.",
    "Leitor": "Scanner",
    "Passe um código de barras no leitor (ou avance, se não tiver leitor).": (
        "Scan any barcode with the scanner (or go on if you have none)."
    ),
    "passe um código de barras": "scan a barcode",
    "Leitor funcionando: código %1": "Scanner working: code %1",
    "Isso foi digitado, não lido. Passe o código no leitor.": (
        "That was typed, not scanned. Scan the code with the scanner."
    ),
    "Concluir": "Finish",
    "Loja: %1\nAdministrador: %2\nImpressora: %3\nLeitor: %4": (
        "Store: %1\nAdministrator: %2\nPrinter: %3\nScanner: %4"
    ),
    "testado": "tested",
    "não testado": "not tested",
    "posapp: primeira configuração": "posapp: first setup",
    'prefixo "%1", ': 'prefix "%1", ',
    "final %1, até %2 ms entre teclas": "ending %1, up to %2 ms between keys",
    # Backups and this computer's settings (app start-up)
    "Cópia de segurança do dia feita": "Today's backup made",
    "A cópia de segurança falhou: %1": "The backup failed: %1",
    "Cópia de segurança": "Backup",
    "Configurações deste computador": "This computer's settings",
    # Clientes: LGPD
    "Exportar dados (LGPD)": "Export data (LGPD)",
    "Anonimizar (LGPD)": "Anonymize (LGPD)",
    "Exportar dados do cliente (LGPD)": "Export the customer's data (LGPD)",
    "Exportação cancelada": "Export cancelled",
    "exportar os dados de %1": "export the data of %1",
    "Exportando os dados…": "Exporting the data…",
    "Dados do cliente gravados em %1": "Customer data saved to %1",
    "Anonimizar %1?\n\nSerão apagados o nome, o CPF, o celular, o e-mail e o aniversário, e o "
    "consentimento de ofertas será retirado. O extrato, as vendas e os vales continuam, sem o "
    "nome. Não dá para desfazer.\n\nAs cópias de segurança já feitas guardam os dados antigos "
    "até vencerem (%2 dias).": (
        "Anonymize %1?\n\nThe name, CPF, mobile, e-mail and birthday will be erased and the "
        "marketing consent withdrawn. The ledger, sales and vouchers stay, without the name. "
        "This cannot be undone.\n\nBackups already taken keep the old data until they age out "
        "(%2 days)."
    ),
    "Anonimizar cliente (LGPD)": "Anonymize customer (LGPD)",
    "Anonimizar": "Anonymize",
    "Anonimização cancelada": "Anonymization cancelled",
    "anonimizar %1": "anonymize %1",
    "Anonimizando…": "Anonymizing…",
    "Cliente anonimizado. Apagados: %1.": "Customer anonymized. Erased: %1.",
    # Gerência > Mensagens (issue 7)
    "Mensagens": "Messages",
    "Envio": "Sending",
    "Modelos": "Templates",
    "Registro": "Log",
    "WhatsApp": "WhatsApp",
    "SMS": "SMS",
    "Sem criptografia": "No encryption",
    "STARTTLS (porta 587)": "STARTTLS (port 587)",
    "TLS direto (porta 465)": "Implicit TLS (port 465)",
    "Este caixa envia as mensagens": "This counter sends the messages",
    "Salvar envio": "Save sending",
    "E-mail (SMTP)": "E-mail (SMTP)",
    "Servidor": "Server",
    "Porta": "Port",
    "Criptografia": "Encryption",
    "Usuário": "Login",
    "Senha": "Password",
    "Remetente": "Sender",
    "WhatsApp/SMS (provedor)": "WhatsApp/SMS (provider)",
    "Endereço (URL)": "Address (URL)",
    "Cabeçalhos (um por linha)": "Headers (one per line)",
    "Modelo do corpo": "Body template",
    "Regras de envio": "Sending rules",
    "Horário de silêncio": "Quiet hours",
    "Máximo por cliente por semana (0 = sem limite)": (
        "At most per customer per week (0 = no limit)"
    ),
    "Lembrete de saldo após (dias sem visita; 0 = o do programa)": (
        "Balance reminder after (days without a visit; 0 = the program's)"
    ),
    "Avisar do vencimento com (dias)": "Warn of expiry (days ahead)",
    "Anunciar campanhas com (dias de antecedência)": "Announce campaigns (days ahead)",
    "Mensagens que a loja envia": "Messages the store sends",
    "Canais (na ordem de preferência)": "Channels (in order of preference)",
    "(guardada; deixe vazio para manter)": "(saved; leave empty to keep it)",
    "Cabeçalhos: escreva um por linha, como Nome: valor": (
        "Headers: write one per line, as Name: value"
    ),
    "Não foi salvo: %1": "Not saved: %1",
    "alterar o envio de mensagens": "change how messages are sent",
    "Envio de mensagens salvo": "Message sending saved",
    "Português": "Portuguese",
    "Inglês": "English",
    "Salvar modelo": "Save template",
    "Voltar ao padrão": "Back to the default",
    "Mensagem": "Message",
    "Idioma": "Language",
    "Assunto (só e-mail)": "Subject (e-mail only)",
    "Texto": "Text",
    "Prévia": "Preview",
    "Texto da loja": "The store's text",
    "Texto padrão": "Default text",
    "Campos: %1": "Fields: %1",
    "alterar a mensagem “%1”": "change the “%1” message",
    "voltar a mensagem “%1” ao padrão": "put the “%1” message back to the default",
    "Modelo salvo": "Template saved",
    "Modelo padrão restaurado": "Default template restored",
    "As últimas %1 mensagens, da mais nova": "The latest %1 messages, newest first",
    "Canal": "Channel",
    "Boas-vindas": "Welcome",
    "Cashback creditado": "Cashback credited",
    "Cashback vencendo": "Cashback expiring",
    "Lembrete de saldo": "Balance reminder",
    "Prêmio de indicação": "Referral reward",
    "Na fila": "Queued",
    "Enviada": "Sent",
    "Não enviada": "Not sent",
    "Adiada": "Deferred",
    "Falhou": "Failed",
    "Mensagens do dia programadas: %1": "Today's messages scheduled: %1",
    "As mensagens do dia falharam: %1": "Today's messages failed: %1",
    # Gerência > Campanhas (issue 7)
    "Campanhas": "Campaigns",
    "Campanha": "Campaign",
    "Até": "Until",
    "Oferta": "Offer",
    "Categorias": "Categories",
    "no mês do aniversário": "in the birthday month",
    "Todas": "All",
    "Ligada": "On",
    "Desligada": "Off",
    "Ligar/desligar": "Switch on/off",
    "Desligar": "Switch off",
    "Ligar": "Switch on",
    "ligar a campanha %1": "switch the %1 campaign on",
    "desligar a campanha %1": "switch the %1 campaign off",
    "Campanha ligada": "Campaign switched on",
    "Campanha desligada": "Campaign switched off",
    "Nova campanha": "New campaign",
    "sem multiplicar": "no multiplier",
    "vazio = todas; ex.: servicos, higiene": "empty = all; e.g. servicos, higiene",
    "Só no mês do aniversário do cliente": "Only in the customer's birthday month",
    "Criar campanha": "Create campaign",
    "Sugestões do calendário": "Calendar suggestions",
    "Início": "Starts",
    "Fim": "Ends",
    "Multiplicador": "Multiplier",
    "Bônus por compra (R$)": "Bonus per purchase (R$)",
    "(escolha uma data)": "(choose a date)",
    "Dê um nome à campanha.": "Give the campaign a name.",
    "criar a campanha %1": "create the %1 campaign",
    "Nada foi criado": "Nothing was created",
    "Campanha %1 criada": "Campaign %1 created",
    "Nova": "New",
    "Alterar campanha": "Edit campaign",
    "Salvar alterações": "Save changes",
    "A alteração vale a partir da próxima venda; o cashback das vendas já feitas não muda.": (
        "The change applies from the next sale on; the cashback of sales already made "
        "does not change."
    ),
    "alterar a campanha %1": "edit the %1 campaign",
    "Campanha %1 salva: vale a partir da próxima venda; o cashback já ganho não muda": (
        "Campaign %1 saved: it applies from the next sale on; cashback already earned "
        "does not change"
    ),
    "Níveis de cliente": "Customer tiers",
    "Níveis ligados": "Tiers on",
    "Nome em inglês": "Name in English",
    "Gasto mínimo em 12 meses (R$)": "Minimum spend over 12 months (R$)",
    "Mais um nível": "Add a tier",
    "Tirar o último": "Remove the last",
    "Usar a sugestão": "Use the suggestion",
    "Salvar níveis": "Save tiers",
    "Taxa inválida: %1": "Invalid rate: %1",
    "alterar os níveis de cliente": "change the customer tiers",
    "Níveis salvos": "Tiers saved",
    "Pesquisa de satisfação": "Satisfaction survey",
    "QR da pesquisa no recibo": "Survey QR on the receipt",
    "Salvar pesquisa": "Save survey",
    "No caixa, depois de cada venda, a nota de 0 a 10 pode ser marcada na hora.": (
        "At the counter, after each sale, the 0-10 score can be tapped at once."
    ),
    "Endereço da página": "Page address",
    "alterar a pesquisa de satisfação": "change the satisfaction survey",
    "Pesquisa salva": "Survey saved",
    # Caixa: tier and satisfaction score (issue 7)
    "Pular": "Skip",
    "Como foi o atendimento? Nota de 0 a 10 (venda nº %1)": (
        "How was the service? Score from 0 to 10 (sale no. %1)"
    ),
    "Nota %1 registrada. Obrigado!": "Score %1 recorded. Thank you!",
    # Gerência > Sincronização and the status bar's sync line (issue 6)
    "Sincronização": "Sync",
    "Sincronizar com a nuvem": "Sync with the cloud",
    "Sincronizar agora": "Sync now",
    "Loja assume a diferença": "The store absorbs the difference",
    "Manter débito do cliente": "Keep it as the customer's debt",
    "Observação (obrigatória para resolver)": "Note (required to resolve)",
    "Endereço da nuvem": "Cloud address",
    "Token do terminal": "Terminal token",
    "Consultar a nuvem para gastos de cashback acima de": (
        "Ask the cloud for cashback spends above"
    ),
    "Conflitos entre lojas": "Conflicts between stores",
    "(guardado; deixe vazio para manter)": "(saved; leave empty to keep it)",
    "Último erro: %1": "Last error: %1",
    "alterar a sincronização": "change the sync",
    "Sincronização salva": "Sync saved",
    "Sincronizando…": "Syncing…",
    "Sincronização não configurada": "Sync is not set up",
    "Sincronizado: %1 enviados, %2 recebidos": "Synced: %1 sent, %2 received",
    "a loja assumir %1 de %2": "the store to absorb %1 of %2",
    "manter %1 como débito de %2": "keep %1 as %2's debt",
    "Nada foi alterado": "Nothing was changed",
    "Conflito resolvido": "Conflict resolved",
    "Saldo gasto duas vezes": "Balance spent twice",
    "CPF já usado por outro cliente": "CPF already used by another customer",
    "Celular já usado por outro cliente": "Mobile already used by another customer",
    "Registro recusado pela nuvem": "Record refused by the cloud",
    "Usar a página da rede": "Use the network's page",
    "Vale usado duas vezes": "Voucher used twice",
    "nunca": "never",
    "Online · %1 na fila · última: %2": "Online · %1 queued · last: %2",
    "Offline · %1 na fila · última: %2": "Offline · %1 queued · last: %2",
    # Day one (issue 24): live refresh, leaving the counter, Impressões, roles, CSV template
    "%1: %2": "%1: %2",
    "Baixar modelo…": "Download template…",
    "Escolha o profissional de “%1” (toque no nome ou Alt+1…9).": (
        "Choose who did “%1” (tap the name or Alt+1…9)."
    ),
    "Idioma salvo: %1. Vale na próxima vez que o posapp abrir.": (
        "Language saved: %1. It applies the next time posapp opens."
    ),
    "Impressões (impressora virtual)": "Printouts (virtual printer)",
    "Impressões": "Printouts",
    "Minha produção": "My production",
    "Modelo salvo em %1.": "Template saved to %1.",
    "Nada impresso ainda.": "Nothing printed yet.",
    "Não há serviço na venda para escolher o profissional.": (
        "The sale has no service to choose a professional for."
    ),
    "O novo idioma vale na próxima vez que o posapp abrir.": (
        "A new language applies the next time posapp opens."
    ),
    "O que a impressora virtual imprimiu": "What the virtual printer printed",
    "Profissional:": "Professional:",
    "Página de teste impressa na impressora virtual (janela Impressões)": (
        "Test page printed on the virtual printer (Printouts window)"
    ),
    (
        "Página de teste impressa na impressora virtual: ela aparece na janela Impressões. "
        "Saiu certinha?"
    ): (
        "Test page printed on the virtual printer: it shows in the Printouts window. "
        "Did it come out right?"
    ),
    "Relatório impresso na impressora virtual: veja na janela Impressões.": (
        "Report printed on the virtual printer: see the Printouts window."
    ),
    "Salvar idioma": "Save language",
    "Salvar modelo de CSV": "Save CSV template",
    "Sem impressora instalada, o posapp imprime aqui. A mais recente fica no alto.": (
        "With no printer installed, posapp prints here. The newest is at the top."
    ),
    "Um arquivo com as colunas e exemplos, para preencher na planilha": (
        "A file with the columns and examples, to fill in a spreadsheet"
    ),
    "Venda em andamento guardada ao sair: estacionada %1. F6 recupera.": (
        "Sale in progress kept when the counter was left: parked %1. F6 brings it back."
    ),
    "alterar o idioma": "change the language",
    (
        "Não foi possível guardar a venda em andamento (%1). Estacione (F5) ou "
        "cancele (F8) a venda antes de sair."
    ): (
        "The sale in progress could not be kept (%1). Park (F5) or cancel (F8) the sale "
        "before leaving."
    ),
    # Issue 15, the counter flow: cashback by choice, quick cash, CPF in the code field
    "Abra o turno antes de vender: Caixa (Ctrl+4) › Abrir turno.": (
        "Open the shift before selling: Cash (Ctrl+4) › Open shift."
    ),
    "Nenhum recibo para mostrar.": "No receipt to show.",
    "CPF %1 sem cadastro. F9 cadastra o cliente.": (
        "CPF %1 is not registered. F9 registers the customer."
    ),
    "PIN de gerente incorreto (ou sem permissão): %1 não foi autorizado.": (
        "Wrong manager PIN (or no permission): %1 was not authorized."
    ),
    "(sem usar cashback; o cashback usado não rende)": (
        "(without using cashback; cashback spent earns nothing)"
    ),
    "Cashback (saldo %1, até %2 nesta compra)": "Cashback (balance %1, up to %2 on this purchase)",
    "F2 Não usar cashback (%1)": "F2 Don't use cashback (%1)",
    "F2 Usar cashback %1?": "F2 Use cashback %1?",
    "F4 CPF na nota (%1)": "F4 CPF on the invoice (%1)",
    "(sem usar pontos; os pontos usados não rendem)": (
        "(without using points; points spent earn nothing)"
    ),
    "Pontos (saldo %1, até %2 nesta compra)": "Points (balance %1, up to %2 on this purchase)",
    "F2 Não usar pontos (%1)": "F2 Don't use points (%1)",
    "F2 Usar pontos %1?": "F2 Use points %1?",
    ": os pontos e o vale usados não rendem": ": the points and the voucher used earn nothing",
    ": os pontos usados não rendem": ": the points used earn nothing",
    "%1 Exato %2": "%1 Exact %2",
    "Enter Finalizar": "Enter Finish",
    "Esta compra rende %1": "This purchase earns %1",
    ": o cashback e o vale usados não rendem": ": the cashback and the voucher used earn nothing",
    ": o cashback usado não rende": ": the cashback used earns nothing",
    ": o vale usado não rende": ": the voucher used earns nothing",
    "Recibo": "Receipt",
    # Gerência > Catálogo
    "Preço": "Price",
    "Categoria": "Category",
    "Favorito": "Favourite",
    "%1 (inativo)": "%1 (inactive)",
    "Serviço": "Service",
    "Produto": "Product",
    "Buscar por nome, código de barras ou SKU": "Search by name, barcode or SKU",
    "Novo item": "New item",
    "EAN-13, EAN-8 ou GTIN-14": "EAN-13, EAN-8 or GTIN-14",
    "Ativo (aparece na venda)": "Active (offered at the sale)",
    "Favorito (botão na tela de venda)": "Favourite (a tile on the sale screen)",
    "Salvar item": "Save item",
    "Preço (R$)": "Price (R$)",
    "Código de barras": "Barcode",
    "SKU": "SKU",
    "Duração (serviço)": "Duration (service)",
    "Quem faz (serviço)": "Who does it (service)",
    "NCM": "NCM",
    "CEST": "CEST",
    "CFOP": "CFOP",
    "CSOSN (Simples)": "CSOSN (Simples)",
    "CST": "CST",
    "Origem": "Origin",
    "Unidade": "Unit",
    "Dados fiscais (NFC-e, produtos)": "Tax data (NFC-e, products)",
    "Editando: %1": "Editing: %1",
    "Preço inválido: “%1”. Digite o valor, por exemplo 12,90.": (
        "Invalid price: “%1”. Type the amount, for example 12.90."
    ),
    "editar catálogo": "edit the catalogue",
    "Catálogo não alterado (sem PIN do gerente).": "Catalogue not changed (no manager PIN).",
    "Item salvo: %1": "Item saved: %1",
    "1 item": "1 item",
    "%1 itens": "%1 items",
    "nº %1 (%2, %3)": "no. %1 (%2, %3)",
    # the customer's screen (second monitor)
    "Tela do cliente": "Customer screen",
    "Obrigado pela preferência!": "Thank you for shopping with us!",
    "Total pago: %1": "Total paid: %1",
    "Bem-vindo!": "Welcome!",
    "Seu saldo de cashback: %1": "Your cashback balance: %1",
    "Você ganhou %1 de cashback": "You earned %1 of cashback",
    "Esta compra rende %1 de cashback": "This purchase earns %1 of cashback",
    "Seu saldo de pontos: %1": "Your points balance: %1",
    "Você ganhou %1": "You earned %1",
    "Pague com Pix: %1": "Pay with Pix: %1",
    "Seu vale de %1: mostre este QR na próxima compra": (
        "Your %1 voucher: show this QR at your next purchase"
    ),
    # Agenda (Ctrl+7) and the professionals' statements
    "Agenda": "Agenda",
    "Semana": "Week",
    "Mês": "Month",
    "Novo horário": "New booking",
    "Extratos": "Statements",
    "Chegou": "Arrived",
    "Confirmar": "Confirm",
    "Não veio": "No-show",
    "Cancelar horário": "Cancel booking",
    "Horário movido.": "Booking moved.",
    "Duração alterada.": "Length changed.",
    "Horário atualizado.": "Booking updated.",
    "Escolha um horário na agenda.": "Choose a booking in the agenda.",
    "Cliente chegou: o carrinho está em Recuperar (F6) na tela de venda.": (
        "The client is here: the cart is in Recall (F6) on the sale screen."
    ),
    "Nome, CPF ou celular": "Name, CPF or mobile",
    "Nome do novo cliente": "New client's name",
    "Novo cliente": "New client",
    "Serviços": "Services",
    "Escolha o cliente ou cadastre-o com o celular.": (
        "Choose the client or enrol them with a mobile number."
    ),
    "Extratos dos profissionais": "Professionals' statements",
    "Salvar extrato": "Save statement",
    "Lembrete de horário": "Appointment reminder",
    "Em atendimento": "In service",
    "Concluído sem venda": "Done without a sale",
    "Horários dos profissionais": "Professionals' hours",
    "Das": "From",
    "Às": "To",
    "Intervalo": "Break",
    "Segunda": "Monday",
    "Terça": "Tuesday",
    "Quarta": "Wednesday",
    "Quinta": "Thursday",
    "Sexta": "Friday",
    "Sábado": "Saturday",
    "Domingo": "Sunday",
    "Salvar semana": "Save week",
    "Folga neste dia": "Day off on this date",
    "Confira os horários: o fim depois do início, o intervalo dentro deles.": (
        "Check the hours: the end after the start, the break within them."
    ),
    "salvar os horários": "save the hours",
    "Horários salvos.": "Hours saved.",
    "marcar a folga": "mark the day off",
    "Folga marcada.": "Day off marked.",
    "Horários": "Hours",
    "Adicionar outro profissional": "Add another professional",
    "Nesta visita": "In this visit",
    "Marque os serviços deste profissional.": "Tick this professional's services.",
    "Comissões e parcerias": "Commissions and partnerships",
    "Percentual do profissional": "The professional's share",
    "Todos": "Everyone",
    "Produtos": "Products",
    "Comissão": "Commission",
    "Cota-parte (salão-parceiro)": "Partner share (partner salon)",
    "Sobre o líquido": "On the net",
    "Sobre o bruto": "On the gross",
    "Descontar as taxas de cartão": "Deduct the card fees",
    "Itens": "Items",
    "Modalidade": "Kind",
    "Percentual": "Share",
    "Base": "Base",
    "Salvar percentual": "Save share",
    "Taxas de cartão e Pix": "Card and Pix fees",
    "Salvar taxas": "Save fees",
    "salvar o percentual": "save the share",
    "salvar as taxas": "save the fees",
    "Percentual salvo.": "Share saved.",
    "Taxas salvas.": "Fees saved.",
    "Gorjeta": "Tip",
    "Forma": "Paid with",
    "Comissões": "Commissions",
    "A gorjeta vai com a venda: escolha um horário concluído.": (
        "A tip goes with the sale: choose a finished booking."
    ),
    "Gorjeta registrada.": "Tip recorded.",
    # NFS-e, Windows printers, sync CA, loyalty upkeep
    "NFS-e: ambiente nacional sem resposta; DPS aguardam envio": (
        "NFS-e: the national environment does not answer; DPS waiting to be sent"
    ),
    "Série": "Series",
    "Fidelidade: %1 lote(s) vencido(s), %2 vale(s) vencido(s), %3 vale(s) emitido(s)": (
        "Loyalty: %1 lot(s) expired, %2 voucher(s) lapsed, %3 voucher(s) issued"
    ),
    "A manutenção da fidelidade falhou: %1": "The loyalty upkeep failed: %1",
    "Indicação estornada": "Referral reversed",
    "Emitir NFS-e dos serviços": "Issue NFS-e for services",
    "ex.: 06.01.01 (cabeleireiros)": "e.g. 06.01.01 (hairdressers)",
    "3 dígitos, se o município usar": "3 digits, if the municipality uses it",
    "a do município": "the municipality's",
    "ISS retido pelo tomador": "ISS withheld by the customer",
    "Optante do Simples Nacional (ME/EPP)": "Simples Nacional (ME/EPP)",
    "MEI": "MEI",
    "Não optante": "Not in Simples Nacional",
    "Salão-parceiro (Lei 13.352/2016)": "Partner salon (Lei 13.352/2016)",
    "Adicionar parceiro": "Add partner",
    "Remover parceiro": "Remove partner",
    "Salvar NFS-e": "Save NFS-e",
    "Enviar NFS-e pendentes": "Send pending NFS-e",
    "Nova DPS após correção": "New DPS after correction",
    "AAAA-MM": "YYYY-MM",
    "ZIP do mês para o contador (NFC-e e NFS-e)": (
        "The month's ZIP for the accountant (NFC-e and NFS-e)"
    ),
    "Inscrição municipal": "Municipal registration",
    "Código de tributação nacional (LC 116)": "National service code (LC 116)",
    "Código de tributação municipal": "Municipal service code",
    "Alíquota do ISS": "ISS rate",
    "Simples Nacional": "Simples Nacional",
    "NFS-e dos serviços (Padrão Nacional)": "NFS-e for services (national standard)",
    "rejeitada: %1 %2": "rejected: %1 %2",
    "cancelamento aguardando o ambiente nacional": (
        "cancellation waiting for the national environment"
    ),
    "aguardando o ambiente nacional": "waiting for the national environment",
    "Venda nº %1 — DPS %2: %3": "Sale no. %1 — DPS %2: %3",
    "alterar a configuração da NFS-e": "change the NFS-e settings",
    "Configuração da NFS-e salva": "NFS-e settings saved",
    "Enviando NFS-e…": "Sending NFS-e…",
    "A NFS-e está desligada": "NFS-e is off",
    "O ambiente nacional não respondeu; tente mais tarde": (
        "The national environment did not answer; try again later"
    ),
    "NFS-e autorizadas: %1": "NFS-e authorised: %1",
    "Escolha uma NFS-e rejeitada": "Choose a rejected NFS-e",
    "NFS-e %1 autorizada": "NFS-e %1 authorised",
    "A nova DPS não foi autorizada; veja a lista": "The new DPS was not authorised; see the list",
    "ZIP para o contador": "ZIP for the accountant",
    "%1 arquivo(s) no ZIP": "%1 file(s) in the ZIP",
    "Procurar impressoras": "Look for printers",
    "Windows: %1": "Windows: %1",
    "Serial: %1": "Serial: %1",
    "Procurando impressoras…": "Looking for printers…",
    "DANFSe em PDF": "DANFSe as PDF",
    "A NFS-e dos serviços da venda, em PDF": "The sale's services NFS-e, as PDF",
    "Esta venda não tem NFS-e": "This sale has no NFS-e",
    "DANFSe salvo em %1": "DANFSe saved to %1",
    "(clique em Procurar)": "(click Look for)",
    "Procurar": "Look for",
    "vazio: leitor como teclado; serial://COM3?baudrate=9600": (
        "empty: scanner as keyboard; serial://COM3?baudrate=9600"
    ),
    "Impressoras deste computador": "Printers on this computer",
    "Leitor serial (porta)": "Serial scanner (port)",
    "Nenhuma impressora encontrada": "No printer found",
    "Leitor: %1": "Scanner: %1",
    "(vazio: certificados do sistema)": "(empty: the system's certificates)",
    "Certificado da nuvem (CA, PEM)": "Cloud certificate (CA, PEM)",
    "Certificado da nuvem (CA)": "Cloud certificate (CA)",
    "Certificados PEM (*.pem *.crt *.cer);;Todos os arquivos (*)": (
        "PEM certificates (*.pem *.crt *.cer);;All files (*)"
    ),
}

NUMERUS: dict[str, tuple[str, str]] = {
    "%n ponto(s) (%1)": ("%n point (%1)", "%n points (%1)"),
    "%n ponto(s)": ("%n point", "%n points"),
    "NFC-e: %n venda(s) sem nota por dado inválido; veja Gerência > Fiscal": (
        "NFC-e: %n sale without a note (invalid data); see Management > Fiscal",
        "NFC-e: %n sales without a note (invalid data); see Management > Fiscal",
    ),
    "Hoje: %n venda(s), %1": ("Today: %n sale, %1", "Today: %n sales, %1"),
    "%n impressora(s) USB encontrada(s).": ("%n USB printer found.", "%n USB printers found."),
    "%n item(ns)": ("%n item", "%n items"),
    "%n resultado(s) para “%1”: escolha com ↓ e Enter.": (
        "%n result for “%1”: choose with ↓ and Enter.",
        "%n results for “%1”: choose with ↓ and Enter.",
    ),
    "%n venda(s)": ("%n sale", "%n sales"),
    "NFS-e: %n nota(s) autorizada(s)": ("NFS-e: %n note authorised", "NFS-e: %n notes authorised"),
    "%n impressora(s) do Windows encontrada(s).": (
        "%n Windows printer found.",
        "%n Windows printers found.",
    ),
}


def main() -> int:
    tree = ET.parse(TS)
    root = tree.getroot()
    root.set("language", "en")
    root.set("sourcelanguage", "pt_BR")
    missing = []
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes" and source in NUMERUS:
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            for form in NUMERUS[source]:
                ET.SubElement(translation, "numerusform").text = form
        elif message.get("numerus") == "yes" and source in EN:
            # a "%n" text given one English form: the same words for one and for many
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            for _form in range(2):
                ET.SubElement(translation, "numerusform").text = EN[source]
        elif source in EN:
            translation.text = EN[source]
        else:
            translation.set("type", "unfinished")
            missing.append(source)
    ET.indent(tree)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    for source in missing:
        print(f"translate_en: no English for {source!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
