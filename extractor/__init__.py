"""Vietnamese press articles about the "Dân vận khéo" movement → research-grade records.

>>> from extractor import extract
>>> extract(text="Đến nay, toàn tỉnh có 2.011 mô hình.").schema_version
'1'
"""
from .api import ExtractionError, extract, extract_many
from .record import Article, ErrorRecord

__all__ = ["Article", "ErrorRecord", "ExtractionError", "extract", "extract_many", "load"]
__version__ = "0.1.0"


def load(fields=None):
    """A spaCy pipeline with the ``vn_press_extractor`` component (see integrations/spacy.py)."""
    from .integrations.spacy import load as _load

    return _load(fields=fields)
