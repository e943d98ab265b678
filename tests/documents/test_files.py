"""Files are checked by their content: a damaged PDF is refused with its reason (never an
error of the server), and so is active content in a PDF or a Word document."""

import random

import pytest

from documents.files import check_file
from tests.documents.common import docx_bytes, pdf_bytes, upload
from tests.registration.test_delegations import javascript_on_open
from tests.registration.test_delegations import pdf_bytes as registration_pdf

RELATIONSHIPS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="{type}" Target="{target}" TargetMode="External"/>'
    "</Relationships>"
)
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def test_damaged_pdfs_are_refused_as_unreadable_and_never_raise_anything_else():
    """Bytes of a real PDF changed at random places, as a broken upload or a crafted file
    would be: each is read whole or refused with the reader's reason."""
    original = pdf_bytes("A damaged document", title="Damaged")
    shuffle = random.Random(14)
    outcomes = set()
    for _attempt in range(300):
        damaged = bytearray(original)
        for _change in range(shuffle.randint(1, 20)):
            damaged[shuffle.randrange(8, len(damaged))] = shuffle.randrange(256)
        try:
            check_file(upload("damaged.pdf", bytes(damaged)))
            outcomes.add("read")
        except ValueError as refused:
            assert str(refused) == "The file is not a readable PDF."
            outcomes.add("refused")
    assert outcomes == {"read", "refused"}


def test_a_pdf_that_runs_javascript_is_refused():
    pdf = registration_pdf(javascript_on_open)

    with pytest.raises(ValueError, match="holds active content"):
        check_file(upload("script.pdf", pdf))


@pytest.mark.parametrize(
    ("parts", "found"),
    [
        ({"word/embeddings/oleObject1.bin": b"\0"}, "word/embeddings/oleObject1.bin"),
        ({"word/activeX/activeX1.bin": b"\0"}, "word/activeX/activeX1.bin"),
        ({"customXml/vbaProject.bin": b"\0"}, "customXml/vbaProject.bin"),
        (
            {
                "word/_rels/settings.xml.rels": RELATIONSHIPS.format(
                    type=f"{OFFICE}/attachedTemplate", target="http://example.org/t.dotm"
                )
            },
            "attachedTemplate",
        ),
    ],
)
def test_a_word_document_with_active_content_is_refused(parts, found):
    with pytest.raises(ValueError, match="holds active content") as refused:
        check_file(upload("contribution.docx", docx_bytes(parts=parts)))

    assert found in str(refused.value)


def test_a_word_document_linking_a_web_page_is_accepted():
    hyperlink = RELATIONSHIPS.format(type=f"{OFFICE}/hyperlink", target="https://www.unodc.org/")

    checked = check_file(
        upload("contribution.docx", docx_bytes(parts={"word/_rels/document.xml.rels": hyperlink}))
    )

    assert checked.extension == "docx"
