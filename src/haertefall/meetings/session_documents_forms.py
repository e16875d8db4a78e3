"""The office's choice of documents for the session file of one agenda item (decision 0114)."""

from django import forms

from .forms import KernFormMixin


def document_label(document) -> str:
    day = f", {document.document_date:%d.%m.%Y}" if document.document_date else ", ohne Datum"
    return f"{document.title} ({document.get_doc_type_display()}{day})"


class SessionDocumentsForm(KernFormMixin, forms.Form):
    documents = forms.ModelMultipleChoiceField(
        label="Unterlagen für die Sitzungsmappe", required=False, queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Das Dokument %(value)s steht nicht (mehr) zur Auswahl; bitte laden Sie "
                                          "die Seite neu.",
                        "invalid_pk_value": "„%(pk)s“ ist keine Dokumentnummer."},
        help_text="Die Eingeladenen erhalten in ihrer Sitzungsmappe nur die angekreuzten Dokumente. "
        "Protokollauszüge und entfernte Dokumente stehen nicht zur Wahl.",
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["documents"]
        field.queryset = choices
        field.label_from_instance = document_label
