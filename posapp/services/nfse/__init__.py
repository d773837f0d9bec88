"""NFS-e: the national NFS-e (Padrão Nacional) for the services of committed sales.

Owns the NFS-e set-up (municipal registration, the municipal and national service
codes, ISS rate and withholding, the salão-parceiro model with each partner's share),
the `nfse_note` rows (the DPS, the NFS-e, its cancellation), the mapping of a sale's
service lines onto `fiscal.nfse.Dps`, issuing after the sale commits with a queue for
when the national environment is out, the sale's paper with the NFS-e beside the
NFC-e's DANFE, the DANFSe PDF, cancellation with the void, and the accountant's ZIP
holding NFS-e with NFC-e.

Imports: `fiscal` (fiscal.nfse), `db`, `hardware` (the receipt), posapp.core, and the
domains below it: invoices (the store's CNPJ, address, environment and the sealed A1
from the NFC-e set-up; the NFC-e paper, cancellation and ZIP it wraps), sales (the
receipt), salon (the partner rules, so the NFS-e states the share the statements
show) and common. It sits above invoices and below admin; nothing below imports it:
the print queue reaches it through `PrintService.sale_paper`, set by the composition
root.
"""
