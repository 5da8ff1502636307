"""General language data for the extractor: words of Vietnamese (and English) press style,
not names from any one article (the generality rule of issue #22, docs/articles.md).

Names of countries, bodies, agencies and units come from the registry (gazetteer.py); what is
here is closed-class vocabulary: ranks, honorifics, position titles, common surnames, units of
measure, qualifiers, date words, and the common Vietnamese exonyms that CLDR does not list.
"""

from __future__ import annotations

# Ranks of the People's Public Security and the army (Law on the People's Public Security,
# art. 22), longest first so "Đại tướng" is not read as "Đại" + "tướng"; English ranks too.
RANKS = (
    "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng",
    "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá",
    "Đại úy", "Đại uý", "Thượng úy", "Thượng uý", "Trung úy", "Trung uý", "Thiếu úy", "Thiếu uý",
    "Police General", "Police Lieutenant General", "Police Major General", "Senior Lieutenant General",
    "Lieutenant General", "Major General", "Brigadier General", "General",
    "Senior Colonel", "Lieutenant Colonel", "Colonel", "Major", "Captain",
)  # fmt: skip

# Removed in front of a name; never part of it.
HONORIFICS = (
    "Ông",
    "ông",
    "Bà",
    "bà",
    "đồng chí",
    "Đồng chí",
    "Ngài",
    "ngài",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "H.E.",
)

# Position titles that introduce a name ("Bộ trưởng Lương Tam Quang", "Đại sứ Hoa Kỳ Marc
# Knapper"); "Phó" in front is kept with them.
TITLES = (
    "Tổng Bí thư", "Chủ tịch nước", "Chủ tịch Quốc hội", "Thủ tướng Chính phủ", "Thủ tướng", "Phó Thủ tướng",
    "Chủ tịch", "Phó Chủ tịch", "Bí thư", "Phó Bí thư", "Ủy viên", "Uỷ viên",
    "Bộ trưởng", "Thứ trưởng", "Tổng cục trưởng", "Cục trưởng", "Vụ trưởng", "Giám đốc", "Tổng Giám đốc",
    "Chánh Văn phòng", "Chánh Thanh tra", "Viện trưởng", "Chánh án", "Tư lệnh", "Chỉ huy trưởng",
    "Trưởng phòng", "Trưởng ban", "Trưởng Ban", "Trưởng đoàn", "Trưởng Công an", "Người phát ngôn",
    "Cục phó", "Vụ phó", "Đội trưởng", "Chủ nhiệm", "Thủ trưởng", "Tham tán", "Bí thư thứ nhất",
    "Đại sứ", "Tổng Lãnh sự", "Lãnh sự", "Tùy viên", "Tuỳ viên", "Tổng thư ký", "Tổng Thư ký",
    "Tổng thống", "Phó Tổng thống", "Quốc vương", "Nhà vua", "Hoàng thân", "Tổng Chưởng lý", "Chưởng lý",
    "Tổng Cảnh sát trưởng", "Cảnh sát trưởng", "Tổng Tư lệnh",
    "Minister", "Deputy Minister", "Vice Minister", "Ambassador", "Secretary General", "Secretary-General",
    "President", "Vice President", "Prime Minister", "Director General", "Director", "Commissioner",
    "Chief", "Deputy Director",
)  # fmt: skip

# Common Vietnamese family names: a name after a title starts at one of them.
SURNAMES = frozenset(
    """Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lương Tô Khổng
    Đào Đoàn Vương Trịnh Trương Đinh Lâm Phùng Mai Tạ Tăng Hà Cao Chu Châu Lưu Quách Kiều
    Từ Triệu Thân Mạc Doãn Hứa Lã Lạc Nông Khúc Tống Diệp Lò Lục Âu Khuất Đàm Thạch Bạch
    Chế Tôn Thiều Nghiêm Nhâm Viên Sầm Cù Bế Hầu Giáp Lại Kha Tiêu Ung Mẫn Lữ""".split()
)

# Verbs that end a person's appositive title ("Bộ trưởng Bộ Công an nhấn mạnh: …").
SPEECH_VERBS = (
    "cho biết", "nhấn mạnh", "khẳng định", "phát biểu", "chủ trì", "tham luận", "đánh giá", "ghi nhận",
    "đề nghị", "yêu cầu", "quán triệt", "trình bày", "tham dự", "dự", "đã", "và", "cùng", "tin tưởng",
    "said", "stressed", "noted", "added", "told",
)  # fmt: skip

# Common Vietnamese exonyms and short forms CLDR does not give (CLDR: "Hoa Kỳ", "Campuchia"…).
COUNTRY_VARIANTS: dict[str, tuple[str, ...]] = {
    "US": ("Mỹ", "Hợp chủng quốc Hoa Kỳ", "USA", "U.S.", "United States of America"),
    "GB": ("Anh", "Vương quốc Anh", "Anh quốc", "UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Nga", "Liên bang Nga", "Russia"),
    "DE": ("Đức", "CHLB Đức", "Cộng hòa Liên bang Đức"),
    "FR": ("Pháp", "Cộng hòa Pháp"),
    "AU": ("Úc", "Australia", "Ô-xtrây-li-a"),
    "KR": ("Hàn Quốc", "Nam Hàn", "Hàn", "South Korea", "Republic of Korea"),
    "KP": ("Triều Tiên", "Bắc Triều Tiên", "CHDCND Triều Tiên", "North Korea"),
    "JP": ("Nhật", "Nhật Bản"),
    "CN": ("Trung Quốc", "Trung Hoa", "China"),
    "LA": ("Lào", "CHDCND Lào", "Laos", "Lao PDR"),
    "KH": ("Campuchia", "Cam-pu-chia", "Căm-pu-chia", "Cambodia"),
    "TH": ("Thái Lan", "Thái"),
    "MM": ("Myanmar", "Mi-an-ma", "Miến Điện"),
    "MY": ("Malaysia", "Ma-lai-xi-a"),
    "SG": ("Singapore", "Xinh-ga-po", "Xin-ga-po"),
    "ID": ("Indonesia", "In-đô-nê-xi-a"),
    "PH": ("Philippines", "Phi-líp-pin", "Philippin"),
    "IT": ("Ý", "Italia"),
    "IN": ("Ấn Độ",),
    "NZ": ("New Zealand", "Niu Di-lân"),
    "CA": ("Canada", "Ca-na-đa"),
    "CZ": ("Séc", "Cộng hòa Séc"),
    "SA": ("Ả Rập Xê Út", "Ả-rập Xê-út", "Saudi Arabia"),
    "AE": ("UAE", "Các Tiểu vương quốc Ả Rập Thống nhất"),
    "NL": ("Hà Lan",),
    "BE": ("Bỉ",),
    "CH": ("Thụy Sĩ", "Thuỵ Sĩ"),
    "SE": ("Thụy Điển", "Thuỵ Điển"),
    "TW": ("Đài Loan",),
    "HK": ("Hồng Kông", "Hong Kong"),
    "MO": ("Ma Cao", "Macau"),
    "TL": ("Đông Timor", "Timor Leste", "Timor-Leste"),
    "BN": ("Brunei", "Bru-nây"),
}

VIETNAM_NAMES = ("Việt Nam", "Viet Nam", "Vietnam", "CHXHCN Việt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam")

# The 34 provincial-level units since 1 July 2025 (DESIGN.md section 8): places, not people
# ("Chủ tịch Hồ Chí Minh" is named after; "Thành phố Hồ Chí Minh" is a place).
PROVINCES = (
    "Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Thành phố Hồ Chí Minh", "Hồ Chí Minh", "Cần Thơ",
    "Tuyên Quang", "Cao Bằng", "Lai Châu", "Lào Cai", "Thái Nguyên", "Điện Biên", "Lạng Sơn",
    "Sơn La", "Phú Thọ", "Bắc Ninh", "Quảng Ninh", "Hưng Yên", "Ninh Bình", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Đồng Nai",
    "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip

# Head nouns of a foreign agency when a country name follows ("cảnh sát Campuchia", "Bộ Công
# an Trung Quốc", "Tòa án tối cao Hàn Quốc").
AGENCY_HEADS = (
    "Bộ Công an", "Bộ Nội vụ", "Bộ Tư pháp", "Bộ An ninh", "Bộ Ngoại giao", "Bộ Quốc phòng",
    "Tổng cục", "Cục", "Sở Công an", "Sở Cảnh sát", "Cảnh sát", "cảnh sát", "Công an", "công an",
    "Tòa án", "Toà án", "tòa án", "Viện Kiểm sát", "Viện kiểm sát", "Cơ quan", "cơ quan",
    "Văn phòng", "Ủy ban", "Uỷ ban", "Học viện", "Đại sứ quán", "Tổng Lãnh sự quán", "Lãnh sự quán",
    "Hải quan", "hải quan", "Bộ Chỉ huy",
    "Tổng Thanh tra", "Ty Cảnh sát", "Sở Di trú", "Cơ quan Di trú",
)  # fmt: skip

# Quantity units: written form → canonical unit and factor. Money goes to its base unit.
UNITS: tuple[tuple[str, str, float], ...] = (
    ("kilôgam", "kg", 1), ("kilogam", "kg", 1), ("ki-lô-gam", "kg", 1), ("kilograms", "kg", 1),
    ("kilogram", "kg", 1), ("kg", "kg", 1), ("gram", "g", 1), ("gam", "g", 1), ("g", "g", 1),
    ("tấn", "t", 1), ("tonnes", "t", 1), ("tons", "t", 1),
    ("bánh", "block", 1), ("viên", "pill", 1),
    ("người", "person", 1), ("đối tượng", "person", 1), ("bị can", "person", 1), ("bị cáo", "person", 1),
    ("nghi phạm", "person", 1), ("nạn nhân", "person", 1), ("công dân", "person", 1),
    ("people", "person", 1), ("persons", "person", 1), ("suspects", "person", 1),
    ("đại biểu", "delegate", 1), ("delegates", "delegate", 1),
    ("nghìn tỷ đồng", "VND", 1e12), ("tỷ đồng", "VND", 1e9), ("triệu đồng", "VND", 1e6),
    ("nghìn đồng", "VND", 1e3), ("đồng", "VND", 1),
    ("triệu USD", "USD", 1e6), ("tỷ USD", "USD", 1e9), ("nghìn USD", "USD", 1e3), ("USD", "USD", 1),
    ("triệu đô la Mỹ", "USD", 1e6), ("đô la Mỹ", "USD", 1), ("million USD", "USD", 1e6),
    ("triệu EUR", "EUR", 1e6), ("EUR", "EUR", 1), ("euro", "EUR", 1),
)  # fmt: skip

# Words before a number that qualify it; kept apart from the value.
QUALIFIERS = (
    "ít nhất", "tối thiểu", "lên tới", "lên đến", "hơn", "gần", "khoảng", "trên", "dưới", "tới", "chừng",
    "more than", "over", "nearly", "almost", "about", "around", "approximately", "at least", "up to",
)  # fmt: skip

# What a count of persons is, from the verb around it.
PERSON_ROLES = (
    ("khởi tố", "prosecuted"), ("truy tố", "prosecuted"), ("bắt giữ", "arrested"), ("bắt", "arrested"),
    ("tạm giữ", "detained"), ("truy nã", "wanted"), ("di lý", "transferred"), ("dẫn độ", "extradited"),
    ("trao trả", "handed_over"), ("tiếp nhận", "received"), ("giải cứu", "rescued"),
    ("arrested", "arrested"), ("prosecuted", "prosecuted"), ("extradited", "extradited"),
)  # fmt: skip

# Lines that end the article proper on a news page: related news, copyright, print buttons.
END_MARKERS = (
    "tin cùng chuyên mục", "tin liên quan", "tin mới nhất", "tin khác", "bài viết liên quan",
    "xem thêm", "đọc thêm", "tin nổi bật", "in bài viết", "bài liên quan", "có thể bạn quan tâm",
    "related news", "related articles", "read more", "more news",
)  # fmt: skip

# Planned or intended activity: not an event (issue #22, item 2).
PLAN_MARKERS = (
    "sẽ", "dự kiến", "kế hoạch", "chuẩn bị", "phấn đấu", "đề nghị", "mục tiêu", "sắp", "will", "plans to",
)  # fmt: skip

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật", "Chủ nhật")

# First words of organisation names: a capitalised word after a title that starts one of them
# begins the organisation ("Bộ trưởng Bộ Công an …"), not the name.
ORG_WORDS = frozenset(
    """Bộ Cục Công Sở Ban Ủy Uỷ Văn Tổng Viện Tòa Toà Học Trung Hội Đảng Chính Quốc Liên Nhà Tổ Cơ
    Vụ Phòng Đội Trường Đại Cảnh Hải Thành Tỉnh Huyện Xã Phường Quân Lực Ngân Tập Sư Đoàn Tòa Ty""".split()
)

# Numbers written as words before a unit ("bắt giữ hai đối tượng"); "một" is left out ("một
# người" is usually "someone"), "năm" is five only when a unit follows.
NUMBER_WORDS = {
    "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
    "Hai": 2, "Ba": 3, "Bốn": 4, "Năm": 5, "Sáu": 6, "Bảy": 7, "Tám": 8, "Chín": 9, "Mười": 10,
}  # fmt: skip
