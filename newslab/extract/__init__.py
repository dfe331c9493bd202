"""Extractors: the contract (:mod:`.base`), its conformance check, and the built-ins.

One module per built-in extractor; each registers itself through the same
``newslab_extractors`` hook third-party plugins use.
"""

from newslab.extract.base import Context, Extractor
from newslab.extract.conformance import check_extractor

__all__ = ["Context", "Extractor", "check_extractor"]
