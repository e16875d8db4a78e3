"""Text normalisation shared by search, repeat detection and the register lookups."""

import re
import unicodedata

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def name_key(text: str) -> str:
    """Lower-case, umlauts folded (ä→ae), other diacritics removed, punctuation to spaces."""
    text = (text or "").translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^0-9a-zA-Z]+", " ", text).strip().lower()
    return re.sub(r"\s+", " ", text)
