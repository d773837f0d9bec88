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
    "%1 em %2: %3 em dinheiro (%4; autorizado por %5)": (
        "%1 on %2: %3 in money (%4; authorized by %5)"
    ),
    "Não foi possível mostrar o cupom: %1": "Could not show the receipt: %1",
    "Reimprimindo o cupom…": "Reprinting the receipt…",
    "Cupom reimpresso": "Receipt reprinted",
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
}

NUMERUS: dict[str, tuple[str, str]] = {
    "%n item(ns)": ("%n item", "%n items"),
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
