from newsloom.nlp.phrases import PhraseMatcher, phrase_regex


def test_prefix_star_matches_any_ending():
    m = PhraseMatcher([("negotiat*", "X")])
    assert [h.text for h in m.finditer("They negotiated and negotiations went on")] == ["negotiated", "negotiations"]


def test_gap_allows_words_between_parts():
    m = PhraseMatcher([("forderte … auf", "DEMAND")])
    assert [h.text for h in m.finditer("Sie forderte die Regierung auf, zu handeln")] == ["forderte die Regierung auf"]


def test_word_boundaries_and_case():
    m = PhraseMatcher([("met", "CONSULT")])
    assert [h.text for h in m.finditer("MET with; metal; helmet")] == ["MET"]


def test_longest_keeps_non_overlapping_longest_hits():
    m = PhraseMatcher([("called", "A"), ("called on", "B")])
    assert [(h.text, h.value) for h in m.longest("she called on them")] == [("called on", "B")]


def test_regex_escapes_punctuation():
    assert "\\." in phrase_regex("u.s.")
