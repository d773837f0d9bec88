"""The salon's money per professional: commissions, the partner salon split, tips.

`rules` (each professional's and service's share, the card fees per tender, a manager's
PIN and an audit row for each change), `tips` (a gorjeta recorded with a sale, outside
its total), `split` (the shares of the sale lines of a period: each professional's
statement, and the salon's and the partners' figures of the Z report), `statement_output`
(a statement as receipt paper, CSV and HTML for the PDF).

Imports: `common` only (it reads the sales tables itself), so `cash` can put the split
on the Z report.
"""
