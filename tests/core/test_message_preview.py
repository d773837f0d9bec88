"""The figures a manager sees in the message editor's preview (Gerência > Mensagens).

The preview fills the manager's template with a sample customer so they can read the
message before any customer does. The sample is dated 4 May 2026: the cashback expires
7 days later (11 May), the voucher 60 days later (3 July: 27 days left in May, 30 in
June, 3 in July), the last visit 35 days earlier (30 March: 4 days into May, 30 in
April, 1 in March). R$ 34,50 of balance, R$ 12,80 earned, a R$ 20,00 voucher, 10 % back,
and Mother's Day (27 April to 10 May) at twice the cashback.
"""

from __future__ import annotations

from posapp.core.messages import MessageKind, Template, preview, sample_facts

PT = {
    "store": "Bella",
    "customer": "Maria",
    "customer_name": "Maria da Silva",
    "balance": "R$ 34,50",
    "amount": "R$ 12,80",
    "expires_on": "11 de maio de 2026",
    "available_on": "4 de maio de 2026",
    "voucher_code": "7K3Q-M2XD-9PRT-V",
    "voucher_value": "R$ 20,00",
    "voucher_expires_on": "3 de julho de 2026",
    "last_visit": "30 de março de 2026",
    "days_idle": "35",
    "referred": "Ana",
    "earn_rate": "10%",
    "campaign": "Dia das Mães",
    "campaign_starts": "27 de abril de 2026",
    "campaign_ends": "10 de maio de 2026",
    "offer": "cashback em dobro",
    "appointment_at": "",
    "service": "",
    "professional": "",
    "usual_service": "o próximo horário",
    "receipt": "1 x Shampoo 300 ml    R$ 12,80\nTOTAL                 R$ 12,80",
    "sale_number": "1042",
    "page_link": "https://exemplo.com.br/c?r=...",
}

EN = {
    **PT,
    "customer": "Mary",
    "customer_name": "Mary Smith",
    "balance": "R$34.50",
    "amount": "R$12.80",
    "expires_on": "May 11, 2026",
    "available_on": "May 4, 2026",
    "voucher_value": "R$20.00",
    "voucher_expires_on": "July 3, 2026",
    "last_visit": "March 30, 2026",
    "referred": "Anne",
    "campaign": "Mother's Day",
    "campaign_starts": "April 27, 2026",
    "campaign_ends": "May 10, 2026",
    "offer": "double cashback",
    "usual_service": "your next appointment",
}


def test_the_preview_customer_and_figures_in_portuguese() -> None:
    assert sample_facts("Bella", "pt_BR").values("pt_BR") == PT


def test_the_preview_customer_and_figures_in_english() -> None:
    assert sample_facts("Bella", "en").values("en") == EN


def test_a_balance_reminder_previewed_fills_its_fields_and_shows_a_foreign_one_as_typed() -> None:
    """A balance reminder has no expiry date to give: the preview leaves {expires_on} as the
    manager typed it and lists the problem, so they see it before saving."""
    template = Template(
        "{store}: seu saldo",
        "Oi {customer}, você tem {balance} de cashback, válido até {expires_on}.",
    )
    shown = preview(MessageKind.BALANCE_REMINDER, template, "Bella", "pt_BR")
    assert shown.subject == "Bella: seu saldo"
    assert shown.text == "Oi Maria, você tem R$ 34,50 de cashback, válido até {expires_on}."
    assert shown.problems
