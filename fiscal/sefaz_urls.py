"""Where each UF's NFC-e services, consumer QR and key look-up live.

Source: nfephp-org/sped-nfe `storage/wsnfe_4.00_mod65.xml` (web services and
`NfeConsultaQR`), `storage/uri_consulta_nfce.json` (urlChave) and
`storage/autorizadores.json` (which UF has its own authoriser), as summarised
with their commit in /shared/design/FISCAL_FACTS.md §2-§3. Model-65
authorisers: AM, GO, MG, MS, MT, PR, RS and SP run their own; every other UF
uses SVRS (no SVAN for NFC-e). CE moved to SVRS in June 2025 (sped-nfe issue
#1106), so it is not in the own-server table. States change these addresses:
check the UF's portal before going to produção.
"""

from __future__ import annotations

from dataclasses import dataclass

from fiscal.errors import InvalidInput
from fiscal.model import Environment

P, H = Environment.PRODUCAO, Environment.HOMOLOGACAO

SERVICES = (
    "NFeAutorizacao4",
    "NFeRetAutorizacao4",
    "NFeStatusServico4",
    "NFeConsultaProtocolo4",
    "NFeRecepcaoEvento4",
    "NFeInutilizacao4",
)


@dataclass(frozen=True)
class ServiceUrls:
    """One URL per SOAP service, keyed by the names in SERVICES."""

    urls: dict[str, str]

    def __getitem__(self, service: str) -> str:
        return self.urls[service]

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.urls.items())))

    @classmethod
    def at(cls, base: str) -> ServiceUrls:
        """Every service under one base URL (`base/<Service>`): the local test SEFAZ."""
        return cls({s: f"{base.rstrip('/')}/{s}" for s in SERVICES})


def _asmx(host: str, paths: tuple[str, str, str, str, str, str]) -> ServiceUrls:
    return ServiceUrls({s: f"https://{host}/{p}" for s, p in zip(SERVICES, paths, strict=True)})


_RS_PATHS = (
    "ws/NfeAutorizacao/NFeAutorizacao4.asmx",
    "ws/NfeRetAutorizacao/NFeRetAutorizacao4.asmx",
    "ws/NfeStatusServico/NfeStatusServico4.asmx",
    "ws/NfeConsulta/NfeConsulta4.asmx",
    "ws/recepcaoevento/recepcaoevento4.asmx",
    "ws/nfeinutilizacao/nfeinutilizacao4.asmx",
)
_SP_PATHS = (
    "ws/NFeAutorizacao4.asmx",
    "ws/NFeRetAutorizacao4.asmx",
    "ws/NFeStatusServico4.asmx",
    "ws/NFeConsultaProtocolo4.asmx",
    "ws/NFeRecepcaoEvento4.asmx",
    "ws/NFeInutilizacao4.asmx",
)
_PLAIN = (
    "NFeAutorizacao4",
    "NFeRetAutorizacao4",
    "NFeStatusServico4",
    "NFeConsultaProtocolo4",
    "NFeRecepcaoEvento4",
    "NFeInutilizacao4",
)
_AM_MT = (
    "NfeAutorizacao4",
    "NfeRetAutorizacao4",
    "NfeStatusServico4",
    "NfeConsulta4",
    "RecepcaoEvento4",
    "NfeInutilizacao4",
)


def _prefixed(prefix: str, names: tuple[str, ...]) -> tuple[str, str, str, str, str, str]:
    a, b, c, d, e, f = (f"{prefix}{n}" for n in names)
    return a, b, c, d, e, f


SVRS = {
    P: _asmx("nfce.svrs.rs.gov.br", _RS_PATHS),
    H: _asmx("nfce-homologacao.svrs.rs.gov.br", _RS_PATHS),
}

OWN_AUTHORISERS: dict[str, dict[Environment, ServiceUrls]] = {
    "AM": {
        P: _asmx("nfce.sefaz.am.gov.br", _prefixed("nfce-services/services/", _AM_MT)),
        H: _asmx("homnfce.sefaz.am.gov.br", _prefixed("nfce-services/services/", _AM_MT)),
    },
    "GO": {
        P: _asmx("nfe.sefaz.go.gov.br", _prefixed("nfe/services/", _PLAIN)),
        H: _asmx("homolog.sefaz.go.gov.br", _prefixed("nfe/services/", _PLAIN)),
    },
    "MG": {
        P: _asmx("nfce.fazenda.mg.gov.br", _prefixed("nfce/services/", _PLAIN)),
        H: _asmx("hnfce.fazenda.mg.gov.br", _prefixed("nfce/services/", _PLAIN)),
    },
    "MS": {
        P: _asmx("nfce.sefaz.ms.gov.br", _prefixed("ws/", _PLAIN)),
        H: _asmx("hom.nfce.sefaz.ms.gov.br", _prefixed("ws/", _PLAIN)),
    },
    "MT": {
        P: _asmx("nfce.sefaz.mt.gov.br", _prefixed("nfcews/services/", _AM_MT)),
        H: _asmx("homologacao.sefaz.mt.gov.br", _prefixed("nfcews/services/", _AM_MT)),
    },
    "PR": {
        P: _asmx("nfce.sefa.pr.gov.br", _prefixed("nfce/", _PLAIN)),
        H: _asmx("homologacao.nfce.sefa.pr.gov.br", _prefixed("nfce/", _PLAIN)),
    },
    "RS": {
        P: _asmx("nfce.sefazrs.rs.gov.br", _RS_PATHS),
        H: _asmx("nfce-homologacao.sefazrs.rs.gov.br", _RS_PATHS),
    },
    "SP": {
        P: _asmx("nfce.fazenda.sp.gov.br", _SP_PATHS),
        H: _asmx("homologacao.nfce.fazenda.sp.gov.br", _SP_PATHS),
    },
}

# (qrCode base, urlChave) per UF and environment.
CONSUMER_URLS: dict[str, dict[Environment, tuple[str, str]]] = {
    "SP": {
        P: (
            "https://www.nfce.fazenda.sp.gov.br/qrcode",
            "https://www.nfce.fazenda.sp.gov.br/NFCeConsultaPublica",
        ),
        H: (
            "https://www.homologacao.nfce.fazenda.sp.gov.br/qrcode",
            "https://www.homologacao.nfce.fazenda.sp.gov.br/NFCeConsultaPublica",
        ),
    },
    "MG": {
        P: (
            "https://portalsped.fazenda.mg.gov.br/portalnfce/sistema/qrcode.xhtml",
            "https://portalsped.fazenda.mg.gov.br/portalnfce",
        ),
        H: (
            "https://portalsped.fazenda.mg.gov.br/portalnfce/sistema/qrcode.xhtml",
            "https://hportalsped.fazenda.mg.gov.br/portalnfce",
        ),
    },
    "RJ": {
        P: (
            "https://consultadfe.fazenda.rj.gov.br/consultaNFCe/QRCode",
            "www.fazenda.rj.gov.br/nfce/consulta",
        ),
        H: (
            "http://www4.fazenda.rj.gov.br/consultaNFCe/QRCode",
            "www.fazenda.rj.gov.br/nfce/consulta",
        ),
    },
    "PR": {
        P: (
            "http://www.fazenda.pr.gov.br/nfce/qrcode",
            "http://www.fazenda.pr.gov.br/nfce/consulta",
        ),
        H: (
            "http://www.fazenda.pr.gov.br/nfce/qrcode",
            "http://www.fazenda.pr.gov.br/nfce/consulta",
        ),
    },
    "RS": {
        P: ("https://www.sefaz.rs.gov.br/NFCE/NFCE-COM.aspx", "www.sefaz.rs.gov.br/nfce/consulta"),
        H: ("https://www.sefaz.rs.gov.br/NFCE/NFCE-COM.aspx", "www.sefaz.rs.gov.br/nfce/consulta"),
    },
    "BA": {
        P: (
            "http://nfe.sefaz.ba.gov.br/servicos/nfce/qrcode.aspx",
            "http://www.sefaz.ba.gov.br/nfce/consulta",
        ),
        H: (
            "http://hnfe.sefaz.ba.gov.br/servicos/nfce/qrcode.aspx",
            "http://hinternet.sefaz.ba.gov.br/nfce/consulta",
        ),
    },
    "PE": {
        P: ("http://nfce.sefaz.pe.gov.br/nfce/consulta", "nfce.sefaz.pe.gov.br/nfce/consulta"),
        H: (
            "http://nfcehomolog.sefaz.pe.gov.br/nfce/consulta",
            "nfce.sefaz.pe.gov.br/nfce/consulta",
        ),
    },
    "CE": {
        P: ("http://nfce.sefaz.ce.gov.br/pages/ShowNFCe.html", "www.sefaz.ce.gov.br/nfce/consulta"),
        H: (
            "http://nfceh.sefaz.ce.gov.br/pages/ShowNFCe.html",
            "www.sefaz.ce.gov.br/nfce/consulta",
        ),
    },
}


def service_urls(uf: str, environment: Environment) -> ServiceUrls:
    """The NFC-e web services for `uf`: its own authoriser, else SVRS."""
    return OWN_AUTHORISERS.get(uf, SVRS)[environment]


def consumer_urls(uf: str, environment: Environment) -> tuple[str, str]:
    """(qrCode base URL, urlChave) for `uf`; a UF not in the table is refused."""
    try:
        return CONSUMER_URLS[uf][environment]
    except KeyError:
        raise InvalidInput(
            "infNFeSupl/qrCode",
            f"endereço de consulta do QR da UF {uf} não cadastrado em fiscal/sefaz_urls.py",
            f"no consumer QR address for UF {uf} in fiscal/sefaz_urls.py",
        ) from None
