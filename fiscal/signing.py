"""XML-DSig of the NFC-e (and of events and voiding requests) as SEFAZ requires.

The NF-e XSD (xmldsig-core-schema_v1.01) fixes everything: C14N 1.0
(REC-xml-c14n-20010315), RSA-SHA1, SHA-1 digest, enveloped signature, the
transforms enveloped-signature + C14N, `Reference URI="#<Id>"`, and one
X509Certificate in KeyInfo. The Signature carries the xmldsig namespace as
its default namespace (no `ds:` prefix; a prefix is linked to rejection 290).

Signer: signxml, chosen over python-xmlsec after trying both (both signatures
verify with `xmlsec1`):
- signxml writes a compact Signature; the xmlsec template carries line breaks
  between tags, which SEFAZ refuses (rejection 588, "caracteres de edição") unless
  they are stripped first;
- signxml is pure Python over lxml and `cryptography` (already ours): python-xmlsec
  is a C extension bound to libxmlsec1 and must be built against the same libxml2
  as lxml ("lxml & xmlsec libxml2 library version mismatch" after an lxml upgrade),
  which makes the Windows bundle fragile;
- the tests verify with `xmlsec1`, an independent implementation: signing with
  libxmlsec1 ourselves would check the library against itself.
The cost: signxml >= 3.1 refuses SHA-1, so `_Sha1Signer` turns that check off
(the fix erpbrasil.assinatura and PyNFe use); SHA-1 is what the layout demands.
"""

from __future__ import annotations

import binascii

from lxml import etree
from signxml import methods
from signxml.algorithms import CanonicalizationMethod, DigestAlgorithm, SignatureMethod
from signxml.signer import XMLSigner

from fiscal.certificate import A1Certificate
from fiscal.errors import FiscalError

DS = "http://www.w3.org/2000/09/xmldsig#"


class _Sha1Signer(XMLSigner):
    def check_deprecated_methods(self) -> None:
        """SEFAZ's layout requires RSA-SHA1 and SHA-1 digests: allow them."""


def sign(root: etree._Element, reference_id: str, a1: A1Certificate) -> etree._Element:
    """Sign the element whose Id is `reference_id`; the Signature goes last in `root`.

    Returns a new tree (signxml copies the document).
    """
    signer = _Sha1Signer(
        method=methods.enveloped,
        signature_algorithm=SignatureMethod.RSA_SHA1,
        digest_algorithm=DigestAlgorithm.SHA1,
        c14n_algorithm=CanonicalizationMethod.CANONICAL_XML_1_0,
    )
    signer.namespaces = {None: DS}  # type: ignore[dict-item]  # signxml's own idiom
    try:
        signed: etree._Element = signer.sign(
            root, key=a1.key, cert=[a1.cert], reference_uri=f"#{reference_id}"
        )
    except Exception as exc:  # signxml raises its own and cryptography's errors
        raise FiscalError("Signature", f"assinatura falhou / signing failed: {exc}") from exc
    # signxml leaves the Signature element unqualified in memory (its namespace is only a
    # declaration): a round trip gives a tree whose tags are what the bytes say.
    signed = etree.fromstring(etree.tostring(signed))
    for node in signed.iter(f"{{{DS}}}X509Certificate"):
        node.text = "".join((node.text or "").split())
    return signed


def digest_value(root: etree._Element) -> str:
    """The base64 DigestValue of the (first) signature in `root`."""
    node = root.find(f".//{{{DS}}}DigestValue")
    if node is None or not node.text:
        raise FiscalError("DigestValue", "documento sem assinatura / document is not signed")
    return str(node.text).strip()


def digest_hex(root: etree._Element) -> str:
    """digVal for the offline QR: the hex of the ASCII of the base64 DigestValue."""
    return binascii.hexlify(digest_value(root).encode("ascii")).decode()
