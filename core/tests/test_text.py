from core.text import fold


def test_fold_removes_tones_and_folds_d():
    """fold() lower-cases, strips tones and marks, and maps đ/Đ to d."""
    assert fold("Cảnh sát") == "canh sat"
    assert fold("CỤC ĐỐI NGOẠI") == "cuc doi ngoai"
    assert fold("Đắk Lắk") == "dak lak"
    assert fold("  Quảng   Ninh ") == "quang ninh"
    assert fold(None) == ""
    assert fold("50-CTr/ĐUCA") == "50-ctr/duca"


def test_fold_is_idempotent_on_composed_and_decomposed_text():
    """Composed (NFC) and decomposed (NFD) input fold to the same text."""
    import unicodedata

    word = "Thành phố Hồ Chí Minh"
    assert fold(unicodedata.normalize("NFD", word)) == fold(word) == "thanh pho ho chi minh"
    assert fold(fold(word)) == fold(word)


def test_vi_sort_key_follows_vietnamese_dictionary_order():
    """a < ă < â, d < đ, tones: none < huyền < hỏi < ngã < sắc < nặng, shorter words first."""
    from core.text import vi_sort_key

    expected = [
        "an",
        "anh",
        "ăn",
        "ân",
        "cà mau",
        "cao bằng",
        "dak",
        "đà nẵng",
        "đắk lắk",
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
        "zeta",
    ]
    shuffled = list(reversed(expected))
    assert sorted(shuffled, key=vi_sort_key) == expected
    assert set(vi_sort_key("Đắk Lắk")) <= set("0123456789")
