"""What an action or a refusal's reason is called, in pt_BR and in English.

The services name the action a manager's PIN approves ("cancelar venda") and the reason
a refund is refused ("nada a devolver") in Portuguese, as the audit log keeps them; a
refusal shown in English says them in English. A few actions are named by their audit
key ("agenda.hours"): they get words in both languages. A name not listed is said as
given. A reason may hold a value of the refusal ("item {item} …").
"""

from __future__ import annotations

from typing import Any

NAMES: dict[str, tuple[str, str]] = {
    # manager approvals
    "NFC-e de demonstração": ("NFC-e de demonstração", "demonstration NFC-e"),
    "agenda.day_off": ("folga na agenda", "a day off in the agenda"),
    "agenda.hours": ("horário da agenda", "the agenda's hours"),
    "ajuste manual de cashback": ("ajuste manual de cashback", "manual cashback adjustment"),
    "alterar a configuração da NFS-e": (
        "alterar a configuração da NFS-e",
        "change the NFS-e settings",
    ),
    "alterar a configuração fiscal": ("alterar a configuração fiscal", "change the tax settings"),
    "alterar a numeração da NFC-e": ("alterar a numeração da NFC-e", "change the NFC-e numbering"),
    "alterar campanha": ("alterar campanha", "change a campaign"),
    "alterar configurações": ("alterar configurações", "change the settings"),
    "alterar mensagem": ("alterar mensagem", "change a message"),
    "alterar mensagens": ("alterar mensagens", "change the messages"),
    "alterar níveis": ("alterar níveis", "change the tiers"),
    "alterar o programa de fidelidade": (
        "alterar o programa de fidelidade",
        "change the loyalty program",
    ),
    "alterar os dados da loja": ("alterar os dados da loja", "change the store's details"),
    "alterar pesquisa": ("alterar pesquisa", "change the survey"),
    "alterar preço": ("alterar preço", "change a price"),
    "anonimizar cliente": ("anonimizar cliente", "anonymize a customer"),
    "cadastrar na equipe": ("cadastrar na equipe", "add to the staff"),
    "cadastrar um administrador": ("cadastrar um administrador", "add an administrator"),
    "cancelar NFC-e": ("cancelar NFC-e", "cancel an NFC-e"),
    "cancelar NFS-e": ("cancelar NFS-e", "cancel an NFS-e"),
    "cancelar venda": ("cancelar venda", "void a sale"),
    "cancelar venda em andamento": ("cancelar venda em andamento", "cancel the sale in progress"),
    "configurar pagamentos": ("configurar pagamentos", "set up payments"),
    "configurar sincronização": ("configurar sincronização", "set up sync"),
    "corrigir NFC-e rejeitada": ("corrigir NFC-e rejeitada", "correct a rejected NFC-e"),
    "criar campanha": ("criar campanha", "create a campaign"),
    "dar ou tirar o acesso de administração": (
        "dar ou tirar o acesso de administração",
        "give or take administration access",
    ),
    "desativar da equipe": ("desativar da equipe", "deactivate a staff member"),
    "desativar um administrador": ("desativar um administrador", "deactivate an administrator"),
    "desconto acima do limite": ("desconto acima do limite", "discount above the limit"),
    "devolução": ("devolução", "refund"),
    "devolver Pix": ("devolver Pix", "refund a Pix"),
    "editar catálogo": ("editar catálogo", "edit the catalogue"),
    "exportar catálogo": ("exportar catálogo", "export the catalogue"),
    "exportar clientes": ("exportar clientes", "export customers"),
    "exportar dados de cliente": ("exportar dados de cliente", "export a customer's data"),
    "fechar o turno": ("fechar o turno", "close the shift"),
    "importar catálogo": ("importar catálogo", "import the catalogue"),
    "importar clientes": ("importar clientes", "import customers"),
    "mudar a função": ("mudar a função", "change a role"),
    "painel": ("painel", "dashboard"),
    "pedido de esquecimento": ("pedido de esquecimento", "erasure request"),
    "redução Z": ("redução Z", "Z report"),
    "registrar devolução": ("registrar devolução", "record a refund made another way"),
    "resolver divergência": ("resolver divergência", "resolve a sync conflict"),
    "restaurar cópia": ("restaurar cópia", "restore a backup"),
    "salon.card_fee": ("taxa do cartão do salão", "the salon's card fee"),
    "salon.rule": ("regra de comissão do salão", "the salon's commission rule"),
    "sangria": ("sangria", "cash withdrawal"),
    "staff": ("equipe ativa", "an active staff member"),
    "suprimento": ("suprimento", "cash top-up"),
    "trocar o CSC": ("trocar o CSC", "change the CSC"),
    "trocar o CSRT": ("trocar o CSRT", "change the CSRT"),
    "trocar o PIN": ("trocar o PIN", "change a PIN"),
    "trocar o PIN de um administrador": (
        "trocar o PIN de um administrador",
        "change an administrator's PIN",
    ),
    "trocar o certificado A1": ("trocar o certificado A1", "change the A1 certificate"),
    "ver as reduções Z": ("ver as reduções Z", "see the Z reports"),
    "ver o caixa da loja": ("ver o caixa da loja", "see the store's cash"),
    # reasons a refund is refused
    "item {item} não é desta venda": (
        "item {item} não é desta venda",
        "item {item} is not from this sale",
    ),
    "já devolvida ou cancelada": ("já devolvida ou cancelada", "already refunded or voided"),
    "já tem devolução; faça a devolução": (
        "já tem devolução; faça a devolução",
        "it already has a refund; refund the rest instead",
    ),
    "nada a devolver": ("nada a devolver", "nothing left to return"),
    "{item} já foi devolvido": ("{item} já foi devolvido", "{item} was already returned"),
    "de {item} resta(m) {left} para devolver": (
        "de {item} resta(m) {left} para devolver",
        "only {left} of {item} left to return",
    ),
}


def said(name: str, locale: str, values: dict[str, Any]) -> str:
    """`name` in `locale`'s words, with the refusal's `values` put in."""
    pt, en = NAMES.get(name, (name, name))
    text = pt if locale.startswith("pt") else en
    return text.format(**values) if "{" in text else text
