"""Badge texts fitted in their boxes: shrunk, wrapped, or cut short visibly."""

from badges.text import fit_text


def test_a_short_text_stays_on_one_line_at_its_size():
    fitted = fit_text("Egypt", 200, 40, 13, 8)

    assert (len(fitted.lines), fitted.size) == (1, 13)


def test_a_long_text_shrinks_then_wraps_within_its_box():
    text = "Organisation internationale de la Francophonie et ses Amis du Monde Entier"

    fitted = fit_text(text, 150, 30, 12, 6)

    assert len(fitted.lines) == 2 and fitted.size >= 6
    assert max(fitted.widths()) <= 150 and fitted.height <= 30


def test_a_text_too_long_for_two_lines_is_cut_short_visibly():
    fitted = fit_text("王" * 200, 100, 20, 10, 6)

    assert fitted.truncated and fitted.lines[-1].text.endswith("…")
    assert len(fitted.lines) == 2 and max(fitted.widths()) <= 100
