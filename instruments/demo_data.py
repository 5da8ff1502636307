"""Demo data of the instruments app: the directive chain and the cooperation instruments.

Pure constants (no Django), loaded by the instruments demo command and checked by
``instruments/tests/test_demo_data.py``. Parties refer to ``partners.demo_data`` (agency and
body keys) or to ISO 3166-1 alpha-2 country codes.

What is real and what is illustrative (DESIGN.md section 8):

- The directive chain is the one the seeds report: Resolution 59-NQ/TW of the Politburo
  (24/01/2025), Conclusion 82-KL/TW of the Politburo (07/6/2024), the Government's
  Resolution 153/NQ-CP (31/5/2025: 5 guiding viewpoints, 7 task groups) and Action
  Programme 50-CTr/ĐUCA of the Central Public Security Party Committee (21/4/2025,
  8 task groups). Symbols, issuers, dates and the links between them are real; the item
  texts are paraphrased summaries written for the demo (``"demo_text": True``), not the
  official wording. The Quảng Ninh plan ``125/KH-CAT`` is fictional.
- Instruments: partner names are real; the instruments and their dates, places and clause
  texts are illustrative, chosen so that exactly 150 are signed on or before 14/12/2021
  (seed 001: "150 văn bản hợp tác"). Titles use today's names of our units.
- The UN Convention against Cybercrime opened for signature in Hà Nội on 25/10/2025 and
  72 states signed it there (seed 000). Which 72 states is not in the seeds: the list of
  ``party_actions`` below is illustrative and claims nothing about any particular state.

Counting rule: an instrument counts as signed on day D when ``signed_on`` is not None and
``signed_on <= D``, whatever its later status. Statuses are as of ``AS_OF``.

Shapes (dates "YYYY-MM-DD", None when unknown or not applicable):

DIRECTIVES, dicts, each after the directives it implements:
    key, symbol, kind (DIRECTIVE_KINDS), issuer, issued_on, signer (a public official named
    in the seeds, or ""), title, title_en, summary, implements (keys of directives),
    unit (owner unit code), classification, demo_text (True when the number or text is
    fictional or paraphrased), items.
    An item: kind (ITEM_KINDS; "section" for the Roman-numbered parts), number ("I", "1",
    "1.1", "a"), text, children (items), demo_text; optionally lead (unit code in charge),
    support (unit codes), due (date).
INSTRUMENTS, dicts with unique keys and unique titles:
    key, title, title_en, type (INSTRUMENT_TYPES), level (LEVELS), multilateral,
    parties ([{"agency": key} | {"country": alpha2} | {"body": key}]),
    negotiation_started_on, signed_on, in_force_on, expires_on (scheduled expiry),
    ended_on (the day it was terminated, or the day before its successor took effect),
    status (STATUSES), place, unit, classification,
    superseded_by (key of the instrument that replaced it, or None),
    clauses ([{"number", "text", "creates_obligation", "demo_text"}]),
    request_types (the request types the instrument covers, only where its title names them;
    empty: not recorded),
    party_actions (multilateral only: [{"country", "signed_on", "ratified_on", "acceded_on",
    optionally "in_force_on", "withdrew_on"}]; a date nobody published stays None).
"""

from __future__ import annotations

from partners.demo_data import AGENCIES, BODIES

# The date the seeds' "150 văn bản hợp tác" refers to (seed 001), and that figure.
COUNT_DATE = "2021-12-14"
COUNT_AT_DATE = 150
# Statuses below are as of this day.
AS_OF = "2026-11-28"

DIRECTIVE_KINDS = ("resolution", "conclusion", "programme", "plan", "directive", "decision", "other")
ITEM_KINDS = ("section", "viewpoint", "task_group", "task", "other")
INSTRUMENT_TYPES = ("treaty", "agreement", "mou", "cooperation_plan", "joint_statement", "other")
LEVELS = ("state", "government", "ministry", "unit")
STATUSES = ("drafting", "negotiating", "signed", "in_force", "expired", "terminated", "superseded")
CLASSIFICATIONS = ("thuong", "mat", "toi_mat", "tuyet_mat")

CONVENTION_KEY = "un-convention-cybercrime"


# --- Directives -------------------------------------------------------------------------------


def _item(kind, number, text, *children, lead=None, support=(), due=None):
    item = {"kind": kind, "number": number, "text": text, "children": list(children), "demo_text": True}
    if lead:
        item["lead"] = lead
    if support:
        item["support"] = list(support)
    if due:
        item["due"] = due
    return item


def _viewpoint(number, text):
    return _item("viewpoint", number, text)


def _group(number, text, *tasks, **kwargs):
    return _item("task_group", number, text, *tasks, **kwargs)


def _task(number, text, **kwargs):
    return _item("task", number, text, **kwargs)


def _other(number, text, *children):
    return _item("other", number, text, *children)


def _section(number, text, *children):
    return _item("section", number, text, *children)


_BORDER_PROVINCES = ("CA-LANG-SON", "CA-CAO-BANG", "CA-LAO-CAI", "CA-DIEN-BIEN", "CA-TAY-NINH", "CA-AN-GIANG")

# fmt: off
DIRECTIVES = [
    {
        "key": "82-kl-tw",
        "symbol": "82-KL/TW",
        "kind": "conclusion",
        "issuer": "Bộ Chính trị",
        "issued_on": "2024-06-07",
        "signer": "",
        "title": "Kết luận của Bộ Chính trị số 82-KL/TW",
        "title_en": "Conclusion No. 82-KL/TW of the Politburo",
        "summary": (
            "Kết luận của Bộ Chính trị ngày 07/6/2024 mà Chương trình hành động 50-CTr/ĐUCA của Đảng ủy "
            "Công an Trung ương thực hiện cùng Nghị quyết 59-NQ/TW; Chính phủ, Đảng ủy Công an Trung ương "
            "và Bộ Công an có văn bản triển khai. Các mục dưới đây là tóm lược minh họa cho bản demo."
        ),
        "implements": [],
        "unit": "CDN",
        "classification": "thuong",
        "demo_text": True,
        "items": [
            _section(
                "I",
                "Đánh giá chung",
                _other("1", "Ghi nhận kết quả công tác đối ngoại, hội nhập quốc tế thời gian qua và những hạn chế cần khắc phục."),
            ),
            _section(
                "II",
                "Nhiệm vụ, giải pháp thời gian tới",
                _group(
                    "1",
                    "Nâng cao hiệu quả công tác đối ngoại, hội nhập quốc tế trên các lĩnh vực",
                    _task("a", "Các cấp ủy, tổ chức đảng tiếp tục quán triệt, cụ thể hóa các chủ trương của Đảng về đối ngoại và hội nhập quốc tế."),
                    _task("b", "Chính phủ, các bộ, ngành, địa phương ban hành văn bản triển khai, phân công rõ trách nhiệm thực hiện."),
                ),
            ),
        ],
    },
    {
        "key": "59-nq-tw",
        "symbol": "59-NQ/TW",
        "kind": "resolution",
        "issuer": "Bộ Chính trị",
        "issued_on": "2025-01-24",
        "signer": "Tô Lâm",
        "title": "Nghị quyết về hội nhập quốc tế trong tình hình mới",
        "title_en": "Resolution on international integration in the new situation",
        "summary": (
            "Nghị quyết của Bộ Chính trị xác định hội nhập quốc tế là động lực chiến lược để đất nước vững "
            "bước vào kỷ nguyên mới; đối ngoại và hội nhập quốc tế là nhiệm vụ trọng yếu, thường xuyên. "
            "Các mục dưới đây là tóm lược minh họa, không phải nguyên văn."
        ),
        "implements": [],
        "unit": "CDN",
        "classification": "thuong",
        "demo_text": False,
        "items": [
            _section(
                "I",
                "Quan điểm chỉ đạo",
                _viewpoint("1", "Hội nhập quốc tế là sự nghiệp của toàn dân, toàn hệ thống chính trị, dưới sự lãnh đạo của Đảng và quản lý thống nhất của Nhà nước; người dân và doanh nghiệp là trung tâm, chủ thể."),
                _viewpoint("2", "Hội nhập quốc tế là động lực chiến lược để phát triển đất nước trong kỷ nguyên mới, kết hợp sức mạnh dân tộc với sức mạnh thời đại."),
                _viewpoint("3", "Hội nhập trên cơ sở giữ vững độc lập, tự chủ, tự lực, tự cường; bảo đảm cao nhất lợi ích quốc gia – dân tộc theo luật pháp quốc tế."),
                _viewpoint("4", "Hội nhập kinh tế là trọng tâm; hội nhập về chính trị, quốc phòng, an ninh là trọng yếu, thường xuyên; hội nhập trên các lĩnh vực khác là quan trọng, cần thiết."),
                _viewpoint("5", "Hội nhập quốc tế là quá trình vừa hợp tác vừa đấu tranh; chủ động, tích cực tham gia định hình các khuôn khổ hợp tác khu vực và toàn cầu."),
            ),
            _section(
                "II",
                "Mục tiêu",
                _other("1", "Nâng cao hiệu quả hội nhập quốc tế, góp phần xây dựng và bảo vệ vững chắc Tổ quốc, nâng cao vị thế, uy tín của đất nước."),
                _other("2", "Đến năm 2030, hoàn thiện thể chế về hội nhập quốc tế và nâng cao năng lực thực thi các cam kết quốc tế."),
            ),
            _section(
                "III",
                "Nhiệm vụ, giải pháp chủ yếu",
                _group(
                    "1",
                    "Đổi mới tư duy, thống nhất nhận thức và hành động về hội nhập quốc tế",
                    _task("1.1", "Quán triệt sâu rộng vị trí, vai trò của hội nhập quốc tế trong toàn hệ thống chính trị."),
                    _task("1.2", "Cấp ủy, người đứng đầu các cơ quan, đơn vị trực tiếp lãnh đạo công tác hội nhập quốc tế tại đơn vị mình."),
                ),
                _group(
                    "2",
                    "Hội nhập kinh tế quốc tế gắn với xây dựng nền kinh tế độc lập, tự chủ",
                    _task("2.1", "Thực hiện hiệu quả các hiệp định thương mại tự do đã ký; đa dạng hóa thị trường, chuỗi cung ứng."),
                    _task("2.2", "Thu hút đầu tư nước ngoài có chọn lọc, ưu tiên công nghệ cao và chuyển giao công nghệ."),
                ),
                _group(
                    "3",
                    "Hội nhập quốc tế về chính trị, quốc phòng, an ninh",
                    _task("3.1", "Đưa quan hệ với các đối tác đi vào chiều sâu; chủ động tham gia các cơ chế đa phương về an ninh khu vực và toàn cầu."),
                    _task("3.2", "Mở rộng hợp tác với cơ quan thực thi pháp luật các nước trong phòng, chống tội phạm xuyên quốc gia, tội phạm mạng, khủng bố; bảo vệ Tổ quốc từ sớm, từ xa."),
                ),
                _group(
                    "4",
                    "Hội nhập quốc tế về khoa học, công nghệ, đổi mới sáng tạo, giáo dục và đào tạo",
                    _task("4.1", "Đẩy mạnh hợp tác nghiên cứu, chuyển giao công nghệ, chuyển đổi số với các đối tác hàng đầu."),
                    _task("4.2", "Phát triển nguồn nhân lực có năng lực làm việc trong môi trường quốc tế."),
                ),
                _group(
                    "5",
                    "Hội nhập quốc tế về văn hóa, xã hội và các lĩnh vực khác",
                    _task("5.1", "Quảng bá hình ảnh đất nước, con người Việt Nam; đẩy mạnh thông tin đối ngoại trên nền tảng số."),
                    _task("5.2", "Bảo hộ công dân, bảo vệ quyền và lợi ích hợp pháp của tổ chức, cá nhân Việt Nam ở nước ngoài."),
                ),
                _group(
                    "6",
                    "Hoàn thiện thể chế; nâng cao năng lực thực thi cam kết và tham gia xây dựng luật lệ quốc tế",
                    _task("6.1", "Rà soát, nội luật hóa kịp thời các điều ước quốc tế; bảo đảm đã cam kết là phải thực hiện."),
                    _task("6.2", "Chủ động tham gia xây dựng các chuẩn mực, luật lệ quốc tế, nhất là trong các lĩnh vực mới nổi."),
                ),
            ),
            _section(
                "IV",
                "Tổ chức thực hiện",
                _other("1", "Các cấp ủy, tổ chức đảng xây dựng chương trình hành động thực hiện Nghị quyết."),
                _other("2", "Ban cán sự đảng Chính phủ lãnh đạo ban hành Chương trình hành động của Chính phủ."),
            ),
        ],
    },
    {
        "key": "50-ctr-duca",
        "symbol": "50-CTr/ĐUCA",
        "kind": "programme",
        "issuer": "Đảng ủy Công an Trung ương",
        "issued_on": "2025-04-21",
        "signer": "",
        "title": (
            "Chương trình hành động của Đảng ủy Công an Trung ương thực hiện Nghị quyết số 59-NQ/TW ngày "
            "24/01/2025 của Bộ Chính trị về hội nhập quốc tế trong tình hình mới và Kết luận số 82-KL/TW "
            "ngày 07/6/2024 của Bộ Chính trị"
        ),
        "title_en": (
            "Action Programme of the Central Public Security Party Committee implementing Politburo "
            "Resolution 59-NQ/TW of 24 January 2025 on international integration in the new situation and "
            "Politburo Conclusion 82-KL/TW of 7 June 2024"
        ),
        "summary": (
            "Chương trình hành động với 08 nhóm nhiệm vụ cụ thể, phân công rõ ràng cho Công an các đơn vị, "
            "địa phương, nhằm đưa công tác đối ngoại Công an nhân dân đi vào chiều sâu, thiết thực, hiệu quả "
            "và chủ động bảo vệ Tổ quốc từ sớm, từ xa. Các mục dưới đây là tóm lược minh họa."
        ),
        "implements": ["59-nq-tw", "82-kl-tw"],
        "unit": "CDN",
        "classification": "thuong",
        "demo_text": False,
        "items": [
            _section(
                "I",
                "Mục đích, yêu cầu",
                _other("1", "Quán triệt đầy đủ, sâu sắc Nghị quyết 59-NQ/TW và Kết luận 82-KL/TW trong toàn lực lượng Công an nhân dân."),
                _other("2", "Xác định rõ trọng tâm, trọng điểm; phân công nhiệm vụ cụ thể, rõ ràng cho Công an các đơn vị, địa phương."),
            ),
            _section(
                "II",
                "Nhiệm vụ, giải pháp",
                _group(
                    "1",
                    "Tăng cường sự lãnh đạo tuyệt đối, trực tiếp về mọi mặt của Đảng, sự quản lý thống nhất của Nhà nước đối với hội nhập quốc tế và đối ngoại Công an nhân dân",
                    _task("1.1", "Cấp ủy, lãnh đạo Công an các đơn vị, địa phương tổ chức quán triệt Nghị quyết 59-NQ/TW, Kết luận 82-KL/TW và Chương trình hành động này đến toàn thể cán bộ, đảng viên.", lead="CDN", due="2025-09-30"),
                    _task("1.2", "Công an các đơn vị, địa phương xây dựng kế hoạch thực hiện, phân công rõ người, rõ việc, rõ thời hạn, gửi Cục Đối ngoại tổng hợp báo cáo Đảng ủy Công an Trung ương.", lead="CDN", support=("CA-QUANG-NINH",), due="2025-06-30"),
                ),
                _group(
                    "2",
                    "Chủ động nghiên cứu, dự báo, tham mưu chiến lược về đối ngoại, bảo vệ Tổ quốc từ sớm, từ xa",
                    _task("2.1", "Cục Đối ngoại chủ trì nghiên cứu, dự báo tình hình quốc tế và khu vực tác động đến an ninh, trật tự; định kỳ 6 tháng tham mưu Đảng ủy Công an Trung ương, lãnh đạo Bộ.", lead="CDN"),
                    _task("2.2", "Các đơn vị nghiệp vụ nắm chắc tình hình từ ngoài biên giới, kịp thời phát hiện, xử lý từ sớm, từ xa các nguy cơ đe dọa an ninh quốc gia, trật tự, an toàn xã hội.", lead="CSHS", support=("ANM", "XNC")),
                ),
                _group(
                    "3",
                    "Mở rộng, làm sâu sắc quan hệ hợp tác song phương với cơ quan thực thi pháp luật các nước",
                    _task("3.1", "Cục Đối ngoại chủ trì, phối hợp với các đơn vị nghiệp vụ tăng cường hợp tác với các cơ quan thực thi pháp luật nước ngoài: trao đổi thông tin, phối hợp điều tra, truy bắt đối tượng truy nã, dẫn độ tội phạm; ưu tiên các nước láng giềng, ASEAN và các đối tác quan trọng.", lead="CDN", support=("CSHS", "CSMT", "ANM")),
                    _task("3.2", "Công an các tỉnh biên giới duy trì cơ chế hội đàm định kỳ, đường dây nóng với lực lượng công an, cảnh sát các tỉnh giáp biên của Trung Quốc, Lào, Campuchia theo các thỏa thuận đã ký.", lead="CA-QUANG-NINH", support=_BORDER_PROVINCES),
                    _task("3.3", "Rà soát, nâng cao hiệu quả mạng lưới sĩ quan liên lạc, tùy viên Công an tại các cơ quan đại diện Việt Nam ở nước ngoài.", lead="CDN"),
                ),
                _group(
                    "4",
                    "Chủ động tham gia, đóng góp tích cực, có trách nhiệm vào các cơ chế hợp tác đa phương",
                    _task("4.1", "Tham gia có trách nhiệm các hoạt động của INTERPOL, ASEANAPOL và các hội nghị AMMTC, SOMTC; chủ động đề xuất sáng kiến của Việt Nam.", lead="CDN", support=("CSHS",)),
                    _task("4.2", "Tiếp tục triển khai hiệu quả Đề án Công an nhân dân Việt Nam tham gia Lực lượng Gìn giữ hòa bình Liên hợp quốc.", lead="CDN"),
                    _task("4.3", "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao chủ trì chuẩn bị các điều kiện phê chuẩn và thực thi Công ước của Liên hợp quốc về chống tội phạm mạng.", lead="ANM", support=("CDN",)),
                ),
                _group(
                    "5",
                    "Hoàn thiện thể chế; đàm phán, ký kết và thực hiện nghiêm các điều ước, thỏa thuận quốc tế",
                    _task("5.1", "Cục Đối ngoại chủ trì rà soát tổng thể các điều ước, thỏa thuận quốc tế đã ký về an ninh, trật tự; đề xuất sửa đổi, gia hạn, chấm dứt hoặc ký mới.", lead="CDN", due="2025-12-31"),
                    _task("5.2", "Thực hiện nghiêm phương châm \"đã ký là phải làm, đã cam kết là phải thực hiện\": đơn vị chủ trì định kỳ báo cáo tiến độ, kịp thời báo cáo vướng mắc về Cục Đối ngoại để tham mưu lãnh đạo Bộ xử lý.", lead="CDN"),
                ),
                _group(
                    "6",
                    "Tăng cường hợp tác quốc tế đấu tranh phòng, chống tội phạm xuyên quốc gia, bảo hộ công dân",
                    _task("6.1", "Cục Cảnh sát điều tra tội phạm về ma túy chủ trì phối hợp với lực lượng chức năng các nước láng giềng triệt phá các đường dây ma túy xuyên quốc gia.", lead="CSMT"),
                    _task("6.2", "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao chủ trì hợp tác quốc tế đấu tranh với tội phạm mạng, lừa đảo trực tuyến xuyên quốc gia.", lead="ANM"),
                    _task("6.3", "Cục Quản lý xuất nhập cảnh phối hợp tiếp nhận, xác minh, bảo hộ công dân Việt Nam bị lừa đảo, mua bán ra nước ngoài; phòng, chống xuất nhập cảnh trái phép.", lead="XNC", support=("CSHS",)),
                    _task("6.4", "Cục Cảnh sát hình sự chủ trì hợp tác phòng, chống mua bán người và truy bắt đối tượng truy nã qua kênh INTERPOL.", lead="CSHS"),
                ),
                _group(
                    "7",
                    "Hợp tác quốc tế về đào tạo, phát triển nguồn nhân lực, khoa học, công nghệ và công nghiệp an ninh",
                    _task("7.1", "Phấn đấu đến năm 2030 có 25–30% cán bộ lãnh đạo, chỉ huy đủ năng lực làm việc độc lập trong môi trường quốc tế; Cục Đối ngoại xây dựng lộ trình và theo dõi chỉ tiêu của từng đơn vị.", lead="CDN", due="2030-12-31"),
                    _task("7.2", "Đẩy mạnh hợp tác chuyển giao công nghệ, đào tạo, nghiên cứu và phát triển công nghiệp an ninh với các đối tác nước ngoài.", lead="CDN", support=("ANM",)),
                    _task("7.3", "Công an các đơn vị, địa phương bồi dưỡng ngoại ngữ, pháp luật và thông lệ quốc tế, kỹ năng đàm phán cho cán bộ làm công tác đối ngoại.", lead="CDN", support=("CA-QUANG-NINH",)),
                ),
                _group(
                    "8",
                    "Đẩy mạnh thông tin, tuyên truyền đối ngoại; kiểm tra, sơ kết, tổng kết",
                    _task("8.1", "Các cơ quan báo chí, truyền thông Công an nhân dân đẩy mạnh thông tin đối ngoại trên báo chí và các nền tảng số, chủ động đấu tranh phản bác quan điểm sai trái, thù địch.", lead="CDN"),
                    _task("8.2", "Cục Đối ngoại tham mưu sơ kết hằng năm, tổng kết giai đoạn; định kỳ 6 tháng, hằng năm báo cáo kết quả thực hiện Chương trình hành động.", lead="CDN"),
                ),
            ),
            _section(
                "III",
                "Tổ chức thực hiện",
                _other("1", "Cục Đối ngoại là cơ quan thường trực, theo dõi, đôn đốc, kiểm tra việc thực hiện Chương trình hành động."),
                _other("2", "Công an các đơn vị, địa phương báo cáo kết quả thực hiện về Cục Đối ngoại trước ngày 15/6 và 15/12 hằng năm."),
            ),
        ],
    },
    {
        "key": "153-nq-cp",
        "symbol": "153/NQ-CP",
        "kind": "resolution",
        "issuer": "Chính phủ",
        "issued_on": "2025-05-31",
        "signer": "",
        "title": (
            "Nghị quyết ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 59-NQ/TW ngày "
            "24 tháng 01 năm 2025 của Bộ Chính trị về hội nhập quốc tế trong tình hình mới"
        ),
        "title_en": (
            "Resolution promulgating the Government's Action Programme implementing Politburo Resolution "
            "59-NQ/TW of 24 January 2025 on international integration in the new situation"
        ),
        "summary": (
            "Chương trình hành động của Chính phủ với 05 quan điểm chỉ đạo xuyên suốt và 07 nhóm nhiệm vụ "
            "thực hiện Nghị quyết 59-NQ/TW. Các mục dưới đây là tóm lược minh họa, không phải nguyên văn."
        ),
        "implements": ["59-nq-tw"],
        "unit": "CDN",
        "classification": "thuong",
        "demo_text": False,
        "items": [
            _section(
                "I",
                "Quan điểm chỉ đạo",
                _viewpoint("1", "Quán triệt đầy đủ, thể chế hóa kịp thời các quan điểm của Nghị quyết 59-NQ/TW; hội nhập quốc tế là sự nghiệp của toàn dân, người dân và doanh nghiệp là trung tâm, chủ thể."),
                _viewpoint("2", "Hội nhập quốc tế toàn diện, sâu rộng, hiệu quả là động lực quan trọng để phát triển nhanh và bền vững."),
                _viewpoint("3", "Giữ vững độc lập, tự chủ; bảo đảm cao nhất lợi ích quốc gia – dân tộc trên cơ sở Hiến chương Liên hợp quốc và luật pháp quốc tế."),
                _viewpoint("4", "Gắn kết chặt chẽ hội nhập quốc tế với bảo đảm quốc phòng, an ninh, bảo vệ Tổ quốc từ sớm, từ xa."),
                _viewpoint("5", "Chuyển mạnh từ nhận thức đúng sang hành động hiệu quả: rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ kết quả; đã cam kết là phải thực hiện."),
            ),
            _section(
                "II",
                "Mục tiêu",
                _other("1", "Cụ thể hóa các nhiệm vụ của Nghị quyết 59-NQ/TW thành nhiệm vụ của các bộ, ngành, địa phương, có lộ trình và sản phẩm cụ thể."),
            ),
            _section(
                "III",
                "Nhiệm vụ, giải pháp chủ yếu",
                _group(
                    "1",
                    "Đổi mới tư duy, thống nhất nhận thức về hội nhập quốc tế trong tình hình mới",
                    _task("1.1", "Các bộ, ngành, địa phương tổ chức quán triệt Nghị quyết 59-NQ/TW và Chương trình hành động này."),
                    _task("1.2", "Các bộ, ngành, địa phương xây dựng kế hoạch thực hiện, gửi Bộ Ngoại giao tổng hợp."),
                ),
                _group(
                    "2",
                    "Hội nhập kinh tế quốc tế gắn với xây dựng nền kinh tế độc lập, tự chủ",
                    _task("2.1", "Bộ Công Thương chủ trì thực hiện hiệu quả các hiệp định thương mại tự do, đa dạng hóa thị trường."),
                    _task("2.2", "Bộ Tài chính chủ trì hoàn thiện chính sách thu hút đầu tư nước ngoài có chọn lọc."),
                    _task("2.3", "Các bộ, ngành nâng cao năng lực phòng vệ thương mại và giải quyết tranh chấp quốc tế."),
                ),
                _group(
                    "3",
                    "Hội nhập quốc tế về chính trị, quốc phòng, an ninh",
                    _task("3.1", "Bộ Ngoại giao chủ trì đưa quan hệ với các đối tác đi vào chiều sâu, thực chất."),
                    _task("3.2", "Bộ Quốc phòng chủ trì đẩy mạnh hội nhập quốc tế và đối ngoại quốc phòng."),
                    _task("3.3", "Bộ Công an chủ trì mở rộng hợp tác với cơ quan thực thi pháp luật các nước và các tổ chức quốc tế; chủ động tham gia INTERPOL, ASEANAPOL; thúc đẩy thực thi Công ước của Liên hợp quốc về chống tội phạm mạng."),
                ),
                _group(
                    "4",
                    "Hội nhập quốc tế về khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số, giáo dục và đào tạo",
                    _task("4.1", "Bộ Khoa học và Công nghệ chủ trì mở rộng hợp tác nghiên cứu, chuyển giao công nghệ."),
                    _task("4.2", "Bộ Giáo dục và Đào tạo chủ trì thúc đẩy hợp tác, công nhận văn bằng, trao đổi học thuật."),
                ),
                _group(
                    "5",
                    "Hội nhập quốc tế về văn hóa, xã hội, du lịch, môi trường, y tế",
                    _task("5.1", "Bộ Văn hóa, Thể thao và Du lịch chủ trì quảng bá văn hóa, hình ảnh Việt Nam."),
                    _task("5.2", "Bộ Nông nghiệp và Môi trường chủ trì hợp tác ứng phó biến đổi khí hậu."),
                ),
                _group(
                    "6",
                    "Hoàn thiện thể chế, pháp luật; nâng cao hiệu quả thực thi các cam kết quốc tế",
                    _task("6.1", "Bộ Tư pháp chủ trì rà soát, nội luật hóa các điều ước quốc tế mà Việt Nam là thành viên."),
                    _task("6.2", "Các bộ, ngành theo dõi, đánh giá việc thực hiện các điều ước, thỏa thuận quốc tế thuộc lĩnh vực quản lý."),
                ),
                _group(
                    "7",
                    "Nâng cao năng lực, hiệu quả công tác hội nhập quốc tế; phát huy vai trò của địa phương, doanh nghiệp, người dân",
                    _task("7.1", "Bộ Nội vụ chủ trì đào tạo, bồi dưỡng đội ngũ cán bộ làm công tác hội nhập quốc tế."),
                    _task("7.2", "Ủy ban nhân dân các tỉnh, thành phố chủ động hội nhập quốc tế phù hợp với điều kiện của địa phương."),
                    _task("7.3", "Bộ Ngoại giao theo dõi, đôn đốc, định kỳ tổng hợp báo cáo Chính phủ kết quả thực hiện."),
                ),
            ),
            _section(
                "IV",
                "Tổ chức thực hiện",
                _other("1", "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố chịu trách nhiệm trước Chính phủ về kết quả thực hiện."),
            ),
        ],
    },
    {
        "key": "125-kh-cat-quang-ninh",
        "symbol": "125/KH-CAT",
        "kind": "plan",
        "issuer": "Công an tỉnh Quảng Ninh",
        "issued_on": "2025-06-16",
        "signer": "",
        "title": (
            "Kế hoạch triển khai thực hiện Chương trình hành động số 50-CTr/ĐUCA ngày 21/4/2025 của Đảng ủy "
            "Công an Trung ương trong Công an tỉnh Quảng Ninh"
        ),
        "title_en": "Plan of the Quang Ninh Provincial Police implementing Action Programme 50-CTr/ĐUCA",
        "summary": "Kế hoạch hư cấu cho bản demo: số ký hiệu, ngày và nội dung đều là minh họa.",
        "implements": ["50-ctr-duca"],
        "unit": "CA-QUANG-NINH",
        "classification": "thuong",
        "demo_text": True,
        "items": [
            _section("I", "Mục đích, yêu cầu", _other("1", "Cụ thể hóa các nhiệm vụ của Chương trình hành động 50-CTr/ĐUCA phù hợp với đặc thù tỉnh biên giới, có cửa khẩu quốc tế.")),
            _section(
                "II",
                "Nhiệm vụ cụ thể",
                _group(
                    "1",
                    "Quán triệt, nâng cao nhận thức",
                    _task("1.1", "Tổ chức hội nghị quán triệt Chương trình hành động đến lãnh đạo các phòng và Công an các xã, phường.", lead="CA-QUANG-NINH", due="2025-07-31"),
                    _task("1.2", "Đưa nội dung đối ngoại, hội nhập quốc tế vào chương trình công tác hằng năm của Công an tỉnh.", lead="CA-QUANG-NINH"),
                ),
                _group(
                    "2",
                    "Hợp tác với lực lượng công an các địa phương giáp biên của Trung Quốc",
                    _task("2.1", "Duy trì hội đàm định kỳ 6 tháng với Sở Công an Khu tự trị dân tộc Choang Quảng Tây và Cục Công an thành phố Phòng Thành Cảng theo các thỏa thuận đã ký.", lead="CA-QUANG-NINH"),
                    _task("2.2", "Phòng Cảnh sát hình sự phối hợp với lực lượng công an nước bạn trao đổi thông tin, truy bắt đối tượng truy nã lẩn trốn qua biên giới.", lead="CA-QUANG-NINH"),
                    _task("2.3", "Phòng Quản lý xuất nhập cảnh phối hợp xác minh, tiếp nhận công dân bị trao trả qua cửa khẩu Móng Cái.", lead="CA-QUANG-NINH"),
                ),
                _group(
                    "3",
                    "Nâng cao năng lực cán bộ làm công tác đối ngoại",
                    _task("3.1", "Mở lớp bồi dưỡng tiếng Trung, tiếng Anh và kỹ năng đối ngoại cho cán bộ chủ chốt.", lead="CA-QUANG-NINH", due="2025-12-31"),
                    _task("3.2", "Cử cán bộ tham gia tập huấn công tác đối ngoại, hợp tác quốc tế do Bộ Công an tổ chức.", lead="CA-QUANG-NINH"),
                ),
            ),
            _section("III", "Tổ chức thực hiện", _other("1", "Phòng Tham mưu là đầu mối theo dõi, tổng hợp, báo cáo Cục Đối ngoại định kỳ 6 tháng.")),
        ],
    },
]
# fmt: on


# --- Instruments ------------------------------------------------------------------------------

_AGENCY = {row[0]: row for row in AGENCIES}
_BODY = {row[0]: row for row in BODIES}

_MPS = (
    "Bộ Công an nước Cộng hòa xã hội chủ nghĩa Việt Nam",
    "the Ministry of Public Security of the Socialist Republic of Viet Nam",
)
_DEPARTMENTS = {
    "CSHS": ("Cục Cảnh sát hình sự", "the Criminal Police Department"),
    "CSMT": ("Cục Cảnh sát điều tra tội phạm về ma túy", "the Drug Crime Investigation Police Department"),
    "CSKT": ("Cục Cảnh sát kinh tế", "the Economic Police Department"),
    "ANM": (
        "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
        "the Department of Cyber Security and High-Tech Crime Prevention",
    ),
    "XNC": ("Cục Quản lý xuất nhập cảnh", "the Immigration Department"),
}
_PROVINCES = {
    "CA-QUANG-NINH": ("Công an tỉnh Quảng Ninh", "the Quang Ninh Provincial Police"),
    "CA-LANG-SON": ("Công an tỉnh Lạng Sơn", "the Lang Son Provincial Police"),
    "CA-CAO-BANG": ("Công an tỉnh Cao Bằng", "the Cao Bang Provincial Police"),
    "CA-LAO-CAI": ("Công an tỉnh Lào Cai", "the Lao Cai Provincial Police"),
    "CA-LAI-CHAU": ("Công an tỉnh Lai Châu", "the Lai Chau Provincial Police"),
    "CA-DIEN-BIEN": ("Công an tỉnh Điện Biên", "the Dien Bien Provincial Police"),
    "CA-SON-LA": ("Công an tỉnh Sơn La", "the Son La Provincial Police"),
    "CA-THANH-HOA": ("Công an tỉnh Thanh Hóa", "the Thanh Hoa Provincial Police"),
    "CA-NGHE-AN": ("Công an tỉnh Nghệ An", "the Nghe An Provincial Police"),
    "CA-HA-TINH": ("Công an tỉnh Hà Tĩnh", "the Ha Tinh Provincial Police"),
    "CA-QUANG-TRI": ("Công an tỉnh Quảng Trị", "the Quang Tri Provincial Police"),
    "CA-GIA-LAI": ("Công an tỉnh Gia Lai", "the Gia Lai Provincial Police"),
    "CA-DAK-LAK": ("Công an tỉnh Đắk Lắk", "the Dak Lak Provincial Police"),
    "CA-TAY-NINH": ("Công an tỉnh Tây Ninh", "the Tay Ninh Provincial Police"),
    "CA-DONG-THAP": ("Công an tỉnh Đồng Tháp", "the Dong Thap Provincial Police"),
    "CA-AN-GIANG": ("Công an tỉnh An Giang", "the An Giang Provincial Police"),
    "CA-HA-NOI": ("Công an thành phố Hà Nội", "the Ha Noi City Police"),
    "CA-THANH-PHO-HO-CHI-MINH": ("Công an Thành phố Hồ Chí Minh", "the Ho Chi Minh City Police"),
    "CA-DA-NANG": ("Công an thành phố Đà Nẵng", "the Da Nang City Police"),
}
# Unit codes that may hold an instrument.
UNIT_CODES = ("BCA", "CDN", *_DEPARTMENTS, *_PROVINCES)

# Formal names of partners where a title needs more than the registry's short name.
_FORMAL = {
    "la-mps": (
        "Bộ Công an nước Cộng hòa Dân chủ Nhân dân Lào",
        "the Ministry of Public Security of the Lao People's Democratic Republic",
    ),
    "cn-mps": (
        "Bộ Công an nước Cộng hòa Nhân dân Trung Hoa",
        "the Ministry of Public Security of the People's Republic of China",
    ),
    "cn-mss": (
        "Bộ An ninh Quốc gia nước Cộng hòa Nhân dân Trung Hoa",
        "the Ministry of State Security of the People's Republic of China",
    ),
    "kh-moi": ("Bộ Nội vụ Vương quốc Campuchia", "the Ministry of Interior of the Kingdom of Cambodia"),
    "cu-minint": ("Bộ Nội vụ nước Cộng hòa Cuba", "the Ministry of the Interior of the Republic of Cuba"),
    "ru-fskn": (
        "Cơ quan Kiểm soát ma túy Liên bang Nga",
        "the Federal Drug Control Service of the Russian Federation",
    ),
    "un-dpo": (
        "Vụ Hoạt động hòa bình của Liên hợp quốc (DPO)",
        "the United Nations Department of Peace Operations",
    ),
    "interpol": (
        "Tổng Ban thư ký Tổ chức Cảnh sát hình sự quốc tế (INTERPOL)",
        "the General Secretariat of the International Criminal Police Organization (INTERPOL)",
    ),
}
# The Lao ministry was the Ministry of Security until its 2017 reorganisation.
_LAO_MOS = (
    "Bộ An ninh nước Cộng hòa Dân chủ Nhân dân Lào",
    "the Ministry of Security of the Lao People's Democratic Republic",
)
# The DPRK ministry was the Ministry of People's Security until 2020.
_DPRK_MPS = (
    "Bộ An ninh nhân dân nước Cộng hòa Dân chủ Nhân dân Triều Tiên",
    "the Ministry of People's Security of the Democratic People's Republic of Korea",
)

_COUNTRIES = {
    "LA": ("nước Cộng hòa Dân chủ Nhân dân Lào", "the Lao People's Democratic Republic"),
    "KH": ("Vương quốc Campuchia", "the Kingdom of Cambodia"),
    "CN": ("nước Cộng hòa Nhân dân Trung Hoa", "the People's Republic of China"),
    "TH": ("Vương quốc Thái Lan", "the Kingdom of Thailand"),
    "ID": ("nước Cộng hòa Indonesia", "the Republic of Indonesia"),
    "KR": ("Đại Hàn Dân Quốc", "the Republic of Korea"),
    "IN": ("nước Cộng hòa Ấn Độ", "the Republic of India"),
    "KZ": ("nước Cộng hòa Kazakhstan", "the Republic of Kazakhstan"),
    "RU": ("Liên bang Nga", "the Russian Federation"),
    "GB": (
        "Vương quốc Liên hiệp Anh và Bắc Ireland",
        "the United Kingdom of Great Britain and Northern Ireland",
    ),
    "FR": ("nước Cộng hòa Pháp", "the French Republic"),
    "DE": ("nước Cộng hòa Liên bang Đức", "the Federal Republic of Germany"),
    "ES": ("Vương quốc Tây Ban Nha", "the Kingdom of Spain"),
    "US": ("Hợp chúng quốc Hoa Kỳ", "the United States of America"),
    "AU": ("Australia", "Australia"),
    "AE": ("Các Tiểu vương quốc Ả Rập Thống nhất", "the United Arab Emirates"),
}

_SUBJECTS = {
    "crime": ("hợp tác phòng, chống tội phạm", "cooperation in preventing and combating crime"),
    "tnc": ("hợp tác phòng, chống tội phạm xuyên quốc gia", "cooperation in combating transnational crime"),
    "security_crime": (
        "hợp tác bảo vệ an ninh và phòng, chống tội phạm",
        "cooperation in protecting security and combating crime",
    ),
    "security_order_crime": (
        "hợp tác bảo vệ an ninh quốc gia, giữ gìn trật tự, an toàn xã hội và đấu tranh phòng, chống tội phạm",
        "cooperation in protecting national security, maintaining social order and safety and combating crime",
    ),
    "drugs": ("hợp tác phòng, chống tội phạm về ma túy", "cooperation in combating drug crime"),
    "drug_control": ("hợp tác kiểm soát ma túy", "cooperation in drug control"),
    "tip": ("hợp tác phòng, chống mua bán người", "cooperation in combating trafficking in persons"),
    "cyber": (
        "hợp tác phòng, chống tội phạm sử dụng công nghệ cao",
        "cooperation in combating high-technology crime",
    ),
    "cybersec": ("hợp tác bảo đảm an ninh mạng", "cooperation in cyber security"),
    "terror": ("hợp tác phòng, chống khủng bố", "cooperation in countering terrorism"),
    "immigration": ("hợp tác trong lĩnh vực quản lý xuất nhập cảnh", "cooperation in immigration management"),
    "illegal_migration": (
        "hợp tác phòng, chống di cư trái phép",
        "cooperation in preventing illegal migration",
    ),
    "border": (
        "hợp tác bảo đảm an ninh, trật tự khu vực biên giới",
        "cooperation in ensuring security and order in the border area",
    ),
    "hotline": ("thiết lập đường dây nóng phòng, chống tội phạm", "establishing a crime-prevention hotline"),
    "intel": ("hợp tác trao đổi thông tin về an ninh", "cooperation in exchanging security information"),
    "wanted": ("hợp tác truy bắt đối tượng truy nã", "cooperation in tracing and arresting wanted fugitives"),
    "econ": ("hợp tác phòng, chống tội phạm kinh tế", "cooperation in combating economic crime"),
    "maritime": ("hợp tác phòng, chống tội phạm trên biển", "cooperation in combating crime at sea"),
    "capacity": (
        "hợp tác đào tạo và nâng cao năng lực thực thi pháp luật",
        "cooperation in training and law-enforcement capacity building",
    ),
    "peacekeeping": (
        "Công an nhân dân Việt Nam tham gia hoạt động gìn giữ hòa bình của Liên hợp quốc",
        "the participation of the Vietnamese People's Public Security in United Nations peacekeeping",
    ),
    "mla": ("tương trợ tư pháp về hình sự", "mutual legal assistance in criminal matters"),
    "mla_civil_criminal": (
        "tương trợ tư pháp về các vấn đề dân sự và hình sự",
        "mutual legal assistance in civil and criminal matters",
    ),
    "extradition": ("dẫn độ", "extradition"),
    "transfer": ("chuyển giao người bị kết án phạt tù", "the transfer of sentenced persons"),
    "readmission": ("việc nhận trở lại công dân", "the readmission of nationals"),
}

# The request types an instrument covers, recorded only where its title names them (a treaty
# "on extradition" covers extradition); general cooperation instruments are left unrecorded
# rather than guessed (the legal-basis panel then says "coverage not recorded").
_COVERAGE = {
    "mla": ["mla"],
    "mla_civil_criminal": ["mla"],
    "extradition": ["extradition"],
    "transfer": ["transfer"],
}

_FORMS = {  # form: (type, title in Vietnamese, title in English)
    "mou": (
        "mou",
        "Bản ghi nhớ giữa {us} và {them} về {s}",
        "Memorandum of Understanding between {us_en} and {them_en} on {s_en}",
    ),
    "agr": (
        "agreement",
        "Thỏa thuận giữa {us} và {them} về {s}",
        "Agreement between {us_en} and {them_en} on {s_en}",
    ),
    "border": (
        "agreement",
        "Biên bản thỏa thuận giữa {us} và {them} về {s}",
        "Cooperation Arrangement between {us_en} and {them_en} on {s_en}",
    ),
    "plan": (
        "cooperation_plan",
        "Kế hoạch hợp tác {s} giữa {us} và {them}",
        "Plan of Cooperation for {s_en} between {us_en} and {them_en}",
    ),
    "js": (
        "joint_statement",
        "Tuyên bố chung giữa {us} và {them} về {s}",
        "Joint Statement by {us_en} and {them_en} on {s_en}",
    ),
    "other": (
        "other",
        "Biên bản hội đàm giữa {us} và {them} về {s}",
        "Record of Talks between {us_en} and {them_en} on {s_en}",
    ),
    "treaty": (
        "treaty",
        "Hiệp định giữa nước Cộng hòa xã hội chủ nghĩa Việt Nam và {them} về {s}",
        "Agreement between the Socialist Republic of Viet Nam and {them_en} on {s_en}",
    ),
    "gov": (
        "agreement",
        "Hiệp định giữa Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam và Chính phủ {them} về {s}",
        "Agreement between the Government of the Socialist Republic of Viet Nam and the Government of {them_en} on {s_en}",
    ),
}

_SAME = object()
# English names of agencies that take no article.
_NO_ARTICLE = {
    "Homeland Security Investigations",
    "Victoria Police",
    "Israel Police",
    "Bangladesh Police",
    "Sri Lanka Police",
}


def _party(spec: str) -> dict:
    if spec.startswith("c:"):
        return {"country": spec[2:]}
    if spec.startswith("b:"):
        return {"body": spec[2:]}
    return {"agency": spec}


def _party_names(spec: str) -> tuple[str, str]:
    if spec.startswith("c:"):
        return _COUNTRIES[spec[2:]]
    key = spec.removeprefix("b:")
    if key in _FORMAL:
        return _FORMAL[key]
    if spec.startswith("b:"):
        _key, _kind, _scope, name_vi, name_en, acronym = _BODY[key]
        return (f"{name_vi} ({acronym})" if acronym else name_vi, f"the {name_en}")
    _key, _country, _kind, name_vi, name_en, _original, _acronym = _AGENCY[key]
    return name_vi, name_en if name_en in _NO_ARTICLE else f"the {name_en}"


def _us(level: str, unit: str) -> tuple[str, str]:
    if level in ("ministry", "state", "government") or unit in ("BCA", "CDN"):
        return _MPS
    if unit in _DEPARTMENTS:
        vi, en = _DEPARTMENTS[unit]
        return (f"{vi}, Bộ Công an Việt Nam", f"{en}, Ministry of Public Security of Viet Nam")
    vi, en = _PROVINCES[unit]
    return (f"{vi} (Việt Nam)", f"{en} (Viet Nam)")


def _i(
    key,
    form,
    party,
    unit,
    signed,
    place,
    subject,
    *,
    status="in_force",
    in_force=_SAME,
    expires=None,
    ended=None,
    started=None,
    level=None,
    them=None,
    classification="thuong",
    superseded_by=None,
    clauses=(),
):
    """One bilateral instrument; the title is composed from its form, parties and subject."""
    type_, title_vi, title_en = _FORMS[form]
    if level is None:
        level = {"treaty": "state", "gov": "government"}.get(form) or (
            "ministry" if unit in ("BCA", "CDN") else "unit"
        )
    us_vi, us_en = _us(level, unit)
    them_vi, them_en = them or _party_names(party)
    s_vi, s_en = _SUBJECTS[subject] if isinstance(subject, str) else subject
    if in_force is _SAME:
        in_force = signed if status in ("in_force", "expired", "terminated", "superseded") else None
    return {
        "key": key,
        "title": title_vi.format(us=us_vi, them=them_vi, s=s_vi),
        "title_en": title_en.format(us_en=us_en, them_en=them_en, s_en=s_en),
        "type": type_,
        "level": level,
        "multilateral": False,
        "parties": [_party(party)],
        "negotiation_started_on": started,
        "signed_on": signed,
        "in_force_on": in_force,
        "expires_on": expires,
        "ended_on": ended,
        "status": status,
        "place": place,
        "unit": unit,
        "classification": classification,
        "superseded_by": superseded_by,
        "clauses": [
            {"number": number, "text": text, "creates_obligation": obligation, "demo_text": True}
            for number, text, obligation in clauses
        ],
        "request_types": list(_COVERAGE.get(subject, [])) if isinstance(subject, str) else [],
        "party_actions": [],
    }


def _year(year: int) -> tuple[str, str]:
    return (f"năm {year}", str(year))


def _period(start: int, end: int) -> tuple[str, str]:
    return (f"giai đoạn {start}–{end}", f"{start}–{end}")


# fmt: off
_BILATERAL_BEFORE_COUNT_DATE = [
    # --- Lao PDR --------------------------------------------------------------------------------
    _i("la-mps-1996-agr", "agr", "la-mps", "BCA", "1996-03-06", "Viêng Chăn", "security_crime", them=_LAO_MOS,
       status="superseded", ended="2012-11-07", superseded_by="la-mps-2012-agr"),
    _i("la-mps-2012-agr", "agr", "la-mps", "BCA", "2012-11-08", "Hà Nội", "security_order_crime", them=_LAO_MOS,
       started="2011-10-03", clauses=[
           ("Điều 2", "Hai Bên trao đổi kịp thời thông tin về các âm mưu, hoạt động xâm phạm an ninh quốc gia của mỗi nước và về tội phạm xuyên quốc gia.", True),
           ("Điều 5", "Lãnh đạo hai Bộ hội đàm hằng năm, luân phiên tổ chức tại mỗi nước, để đánh giá việc thực hiện và thông qua kế hoạch hợp tác năm sau.", True),
           ("Điều 7", "Phía Việt Nam tiếp nhận đào tạo, bồi dưỡng cán bộ cho phía Lào theo kế hoạch hợp tác hằng năm.", True),
       ]),
    _i("la-mps-plan-2020", "plan", "la-mps", "BCA", "2019-12-18", "Hà Nội", _year(2020), status="expired", expires="2020-12-31"),
    _i("la-mps-plan-2021", "plan", "la-mps", "BCA", "2020-12-22", "Hà Nội – Viêng Chăn (trực tuyến)", _year(2021), status="expired", expires="2021-12-31"),
    _i("la-mps-csmt-2002-mou", "mou", "la-mps", "CSMT", "2002-09-12", "Viêng Chăn", "drugs", them=_LAO_MOS),
    _i("la-mps-xnc-2008-mou", "mou", "la-mps", "XNC", "2008-04-22", "Hà Nội", "immigration", them=_LAO_MOS),
    _i("la-lcdc-2001-mou", "mou", "la-lcdc", "CSMT", "2001-11-27", "Viêng Chăn", "drug_control"),
    _i("la-phongsaly-dien-bien-1998", "border", "la-phongsaly", "CA-DIEN-BIEN", "1998-05-14", "Điện Biên Phủ", "border"),
    _i("la-houaphanh-son-la-1997", "border", "la-houaphanh", "CA-SON-LA", "1997-08-21", "Sầm Nưa", "border"),
    _i("la-houaphanh-thanh-hoa-1998", "border", "la-houaphanh", "CA-THANH-HOA", "1998-12-09", "Thanh Hóa", "border"),
    _i("la-xiangkhouang-nghe-an-1999", "border", "la-xiangkhouang", "CA-NGHE-AN", "1999-07-07", "Vinh", "border"),
    _i("la-bolikhamxay-ha-tinh-1998", "border", "la-bolikhamxay", "CA-HA-TINH", "1998-09-24", "Pắc Xan", "border"),
    _i("la-savannakhet-quang-tri-1997", "border", "la-savannakhet", "CA-QUANG-TRI", "1997-04-11", "Savannakhet", "border"),
    _i("vn-la-1998-mla", "treaty", "c:LA", "BCA", "1998-07-06", "Viêng Chăn", "mla_civil_criminal", in_force="1999-02-19"),
    # --- Cambodia -------------------------------------------------------------------------------
    _i("kh-moi-1995-agr", "agr", "kh-moi", "BCA", "1995-03-21", "Phnôm Pênh", "security_crime"),
    _i("kh-moi-plan-2016-2020", "plan", "kh-moi", "BCA", "2016-01-14", "Hà Nội", _period(2016, 2020), status="expired", expires="2020-12-31"),
    _i("kh-moi-2019-talks", "other", "kh-moi", "BCA", "2019-11-05", "Phnôm Pênh", ("kết quả thực hiện thỏa thuận hợp tác năm 2019", "the implementation of the cooperation agreement in 2019"),
       status="signed"),
    _i("kh-gdnp-2008-mou", "mou", "kh-gdnp", "CDN", "2008-03-19", "Phnôm Pênh", "crime", clauses=[
        ("Điều 1", "Mục đích của Bản ghi nhớ là tăng cường hợp tác giữa hai lực lượng trong phòng, chống tội phạm.", False),
        ("Điều 3", "Hai Bên duy trì đường dây nóng và chỉ định đầu mối liên lạc thường trực để trao đổi thông tin về tội phạm xuyên biên giới.", True),
        ("Điều 4", "Hai Bên phối hợp xác minh, truy bắt và trao trả đối tượng phạm tội lẩn trốn sang lãnh thổ của nhau theo pháp luật mỗi nước.", True),
    ]),
    _i("kh-gdnp-csmt-2008-mou", "mou", "kh-gdnp", "CSMT", "2008-06-18", "Hà Nội", "drugs"),
    _i("kh-gdnp-an-giang-2011", "border", "kh-gdnp", "CA-AN-GIANG", "2011-09-22", "Long Xuyên", "border"),
    _i("kh-nacd-2004-mou", "mou", "kh-nacd", "CSMT", "2004-08-20", "Phnôm Pênh", "drug_control"),
    _i("kh-gdi-2006-mou", "mou", "kh-gdi", "XNC", "2006-11-02", "Hà Nội", "immigration"),
    _i("kh-ratanakiri-gia-lai-2003", "border", "kh-ratanakiri", "CA-GIA-LAI", "2003-07-09", "Pleiku", "border"),
    _i("kh-svay-rieng-tay-ninh-2002", "border", "kh-svay-rieng", "CA-TAY-NINH", "2002-10-15", "Svay Rieng", "border"),
    _i("kh-prey-veng-dong-thap-2004", "border", "kh-prey-veng", "CA-DONG-THAP", "2004-05-06", "Cao Lãnh", "border"),
    _i("kh-takeo-an-giang-2003", "border", "kh-takeo", "CA-AN-GIANG", "2003-04-17", "Takeo", "border"),
    _i("kh-kampot-an-giang-2006", "border", "kh-kampot", "CA-AN-GIANG", "2006-08-10", "Hà Tiên", "border"),
    _i("vn-kh-2013-extradition", "treaty", "c:KH", "BCA", "2013-01-21", "Phnôm Pênh", "extradition", in_force="2014-02-06"),
    _i("vn-kh-2013-mla", "treaty", "c:KH", "BCA", "2013-01-21", "Phnôm Pênh", "mla", in_force="2014-02-06"),
    # Signed on the count date itself: it counts (the rule is signed_on <= D).
    _i("kh-nacd-plan-2022", "plan", "kh-nacd", "CSMT", "2021-12-14", "Hà Nội", _year(2022), status="expired", expires="2022-12-31"),
    # --- China ----------------------------------------------------------------------------------
    _i("cn-mps-1998-agr", "agr", "cn-mps", "CDN", "1998-10-20", "Bắc Kinh", "crime",
       status="superseded", ended="2011-12-25", superseded_by="cn-mps-2011-agr"),
    _i("cn-mps-2011-agr", "agr", "cn-mps", "CDN", "2011-12-26", "Hà Nội", "security_crime", started="2010-06-15"),
    _i("cn-mps-csmt-2001-mou", "mou", "cn-mps", "CSMT", "2001-05-17", "Côn Minh", "drugs"),
    _i("cn-mps-cshs-2012-mou", "mou", "cn-mps", "CSHS", "2012-07-05", "Hà Nội", "wanted"),
    _i("cn-mps-plan-2016-2020", "plan", "cn-mps", "CDN", "2015-11-06", "Hà Nội", _period(2016, 2020), status="expired", expires="2020-12-31"),
    _i("cn-mss-2005-mou", "mou", "cn-mss", "CDN", "2005-07-19", "Bắc Kinh", "intel", classification="mat"),
    _i("cn-nia-2019-mou", "mou", "cn-nia", "XNC", "2019-05-23", "Bắc Kinh", "immigration"),
    _i("vn-cn-2010-tip", "gov", "c:CN", "BCA", "2010-09-15", "Bắc Kinh", "tip", in_force="2012-07-03"),
    _i("vn-cn-1998-mla", "treaty", "c:CN", "BCA", "1998-10-19", "Bắc Kinh", "mla_civil_criminal", in_force="1999-12-25"),
    _i("cn-gx-psd-quang-ninh-1998", "border", "cn-gx-psd", "CA-QUANG-NINH", "1998-06-11", "Móng Cái", "border", clauses=[
        ("Điều 2", "Hai Bên hội đàm định kỳ 6 tháng một lần, luân phiên tổ chức tại Quảng Ninh và Quảng Tây.", True),
        ("Điều 3", "Hai Bên duy trì đường dây nóng 24/7 giữa các đơn vị nghiệp vụ để thông báo kịp thời vụ việc xảy ra ở khu vực biên giới.", True),
        ("Điều 5", "Hai Bên phối hợp giải cứu, xác minh và trao trả nạn nhân bị mua bán qua biên giới.", True),
    ]),
    _i("cn-gx-psd-lang-son-1999", "border", "cn-gx-psd", "CA-LANG-SON", "1999-04-08", "Lạng Sơn", "border"),
    _i("cn-gx-psd-cao-bang-2001", "border", "cn-gx-psd", "CA-CAO-BANG", "2001-09-13", "Cao Bằng", "border"),
    _i("cn-yn-psd-lao-cai-1997", "border", "cn-yn-psd", "CA-LAO-CAI", "1997-11-20", "Lào Cai", "border"),
    _i("cn-fangchenggang-quang-ninh-2003", "border", "cn-fangchenggang", "CA-QUANG-NINH", "2003-03-27", "Đông Hưng", "crime"),
    _i("cn-honghe-lao-cai-2002", "border", "cn-honghe", "CA-LAO-CAI", "2002-12-05", "Hà Khẩu", "crime"),
    _i("hk-police-2008-mou", "mou", "hk-police", "CDN", "2008-05-14", "Hồng Kông", "crime"),
    # --- South-East Asia ------------------------------------------------------------------------
    _i("th-rtp-1997-mou", "mou", "th-rtp", "CDN", "1997-06-12", "Băng Cốc", "crime"),
    _i("th-oncb-1998-mou", "mou", "th-oncb", "CSMT", "1998-02-19", "Băng Cốc", "drug_control"),
    _i("th-imm-2005-mou", "mou", "th-imm", "XNC", "2005-09-29", "Băng Cốc", "immigration"),
    _i("vn-th-2010-transfer", "treaty", "c:TH", "BCA", "2010-03-03", "Hà Nội", "transfer", in_force="2011-01-20"),
    _i("my-pdrm-1998-mou", "mou", "my-pdrm", "CDN", "1998-04-23", "Kuala Lumpur", "crime"),
    _i("my-aadk-2004-mou", "mou", "my-aadk", "CSMT", "2004-11-09", "Kuala Lumpur", "drugs"),
    _i("my-imi-2010-mou", "mou", "my-imi", "XNC", "2010-05-27", "Hà Nội", "immigration"),
    _i("sg-spf-1997-mou", "mou", "sg-spf", "CDN", "1997-09-16", "Singapore", "crime"),
    _i("sg-cnb-2000-mou", "mou", "sg-cnb", "CSMT", "2000-06-29", "Singapore", "drugs"),
    _i("sg-ica-2009-mou", "mou", "sg-ica", "XNC", "2009-10-08", "Hà Nội", "immigration"),
    _i("id-polri-1999-mou", "mou", "id-polri", "CDN", "1999-08-17", "Jakarta", "crime"),
    _i("id-polri-2015-mou", "mou", "id-polri", "CDN", "2015-06-24", "Hà Nội", "tnc"),
    _i("id-bnn-2007-mou", "mou", "id-bnn", "CSMT", "2007-03-15", "Jakarta", "drugs"),
    _i("id-kemenkumham-2012-mou", "mou", "id-kemenkumham", "XNC", "2012-04-11", "Jakarta", "immigration",
       status="terminated", ended="2024-10-20"),
    _i("vn-id-2013-extradition", "treaty", "c:ID", "BCA", "2013-06-27", "Jakarta", "extradition", in_force="2015-04-14"),
    _i("ph-pnp-1997-mou", "mou", "ph-pnp", "CDN", "1997-11-20", "Manila", "crime"),
    _i("ph-pdea-2006-mou", "mou", "ph-pdea", "CSMT", "2006-08-03", "Manila", "drugs"),
    _i("mm-mpf-1999-mou", "mou", "mm-mpf", "CDN", "1999-03-25", "Yangon", "crime"),
    _i("mm-ccdac-2001-mou", "mou", "mm-ccdac", "CSMT", "2001-10-18", "Yangon", "drug_control"),
    _i("bn-rbpf-2001-mou", "mou", "bn-rbpf", "CDN", "2001-02-22", "Bandar Seri Begawan", "crime"),
    _i("tl-pntl-2017-mou", "mou", "tl-pntl", "CDN", "2017-08-29", "Dili", "capacity"),
    # --- East, South and Central Asia, Middle East ----------------------------------------------
    _i("jp-npa-2005-mou", "mou", "jp-npa", "CDN", "2005-11-08", "Tokyo", "crime"),
    _i("jp-npa-anm-2016-mou", "mou", "jp-npa", "ANM", "2016-09-27", "Hà Nội", "cyber"),
    _i("jp-psia-2004-mou", "mou", "jp-psia", "CDN", "2004-10-14", "Tokyo", "intel", classification="mat"),
    _i("jp-jcg-2012-mou", "mou", "jp-jcg", "CDN", "2012-09-20", "Tokyo", "maritime"),
    _i("kr-knpa-1996-mou", "mou", "kr-knpa", "CDN", "1996-10-17", "Seoul", "crime",
       status="superseded", ended="2010-05-10", superseded_by="kr-knpa-2010-mou"),
    _i("kr-knpa-2010-mou", "mou", "kr-knpa", "CDN", "2010-05-11", "Hà Nội", "tnc"),
    _i("kr-knpa-anm-2016-mou", "mou", "kr-knpa", "ANM", "2016-11-03", "Seoul", "cyber"),
    _i("kr-nis-2003-mou", "mou", "kr-nis", "CDN", "2003-06-05", "Seoul", "intel", classification="mat"),
    _i("vn-kr-2003-mla", "treaty", "c:KR", "BCA", "2003-09-15", "Seoul", "mla", in_force="2005-04-19"),
    _i("vn-kr-2003-extradition", "treaty", "c:KR", "BCA", "2003-09-15", "Seoul", "extradition", in_force="2005-04-19"),
    _i("kp-mss-1994-agr", "agr", "kp-mss", "BCA", "1994-05-24", "Bình Nhưỡng", "security_crime", them=_DPRK_MPS),
    _i("mn-police-2006-mou", "mou", "mn-police", "CDN", "2006-08-16", "Ulaanbaatar", "crime"),
    _i("in-cbi-2008-mou", "mou", "in-cbi", "CDN", "2008-11-20", "New Delhi", "crime"),
    _i("vn-in-2008-mla", "treaty", "c:IN", "BCA", "2008-10-08", "New Delhi", "mla", in_force="2010-03-30"),
    _i("vn-in-2011-extradition", "treaty", "c:IN", "BCA", "2011-10-12", "New Delhi", "extradition", in_force="2013-07-18"),
    _i("bd-police-2017-mou", "mou", "bd-police", "CDN", "2017-04-20", "Dhaka", "crime"),
    _i("lk-police-2015-mou", "mou", "lk-police", "CDN", "2015-03-19", "Colombo", "crime"),
    _i("pk-anf-2014-mou", "mou", "pk-anf", "CSMT", "2014-09-25", "Islamabad", "drugs"),
    _i("kz-mvd-2002-mou", "mou", "kz-mvd", "CDN", "2002-05-30", "Astana", "crime"),
    _i("vn-kz-2011-transfer", "treaty", "c:KZ", "BCA", "2011-05-31", "Astana", "transfer", in_force="2012-08-10"),
    _i("uz-iiv-2009-mou", "mou", "uz-iiv", "CDN", "2009-06-11", "Tashkent", "crime"),
    _i("ae-moi-2010-mou", "mou", "ae-moi", "CDN", "2010-11-18", "Abu Dhabi", "crime"),
    _i("qa-moi-2010-mou", "mou", "qa-moi", "CDN", "2010-04-28", "Doha", "crime"),
    _i("sa-moi-2019-mou", "mou", "sa-moi", "CDN", "2019-10-16", "Riyadh", "crime"),
    _i("il-police-2014-mou", "mou", "il-police", "CDN", "2014-06-05", "Jerusalem", "crime"),
    _i("tr-egm-2015-mou", "mou", "tr-egm", "CDN", "2015-04-23", "Ankara", "terror"),
    # --- Europe ---------------------------------------------------------------------------------
    _i("ru-mvd-1994-agr", "agr", "ru-mvd", "CDN", "1994-08-02", "Mát-xcơ-va", "crime",
       status="superseded", ended="2013-11-11", superseded_by="ru-mvd-2013-agr"),
    _i("ru-mvd-2013-agr", "agr", "ru-mvd", "CDN", "2013-11-12", "Hà Nội", "security_order_crime"),
    _i("ru-fsb-1997-mou", "mou", "ru-fsb", "CDN", "1997-10-09", "Mát-xcơ-va", "intel", classification="mat"),
    _i("ru-fskn-2005-mou", "mou", "ru-fskn", "CSMT", "2005-09-22", "Mát-xcơ-va", "drugs",
       status="terminated", ended="2016-05-31"),
    _i("ru-fms-2010-mou", "mou", "ru-fms", "XNC", "2010-07-15", "Hà Nội", "immigration",
       status="terminated", ended="2016-05-31"),
    _i("vn-ru-1998-mla", "treaty", "c:RU", "BCA", "1998-08-25", "Mát-xcơ-va", "mla_civil_criminal", in_force="1999-07-27"),
    _i("by-mvd-1999-mou", "mou", "by-mvd", "CDN", "1999-04-21", "Minsk", "crime"),
    _i("by-kgb-2004-mou", "mou", "by-kgb", "CDN", "2004-09-02", "Minsk", "intel", classification="mat"),
    _i("ua-mvs-1998-mou", "mou", "ua-mvs", "CDN", "1998-06-25", "Kyiv", "crime"),
    _i("gb-soca-2009-mou", "mou", "gb-soca", "CDN", "2009-05-13", "London", "tnc",
       status="terminated", ended="2013-10-06"),
    _i("gb-nca-2015-mou", "mou", "gb-nca", "CDN", "2015-09-15", "Hà Nội", "crime"),
    _i("gb-home-office-2010-js", "js", "gb-home-office", "CDN", "2010-09-28", "London", "illegal_migration"),
    _i("vn-gb-2008-transfer", "treaty", "c:GB", "BCA", "2008-09-12", "London", "transfer", in_force="2009-10-09"),
    _i("vn-gb-2009-mla", "treaty", "c:GB", "BCA", "2009-01-13", "Hà Nội", "mla", in_force="2009-11-26"),
    _i("fr-mi-1995-agr", "agr", "fr-mi", "CDN", "1995-06-22", "Paris", "crime"),
    _i("fr-dcpj-2007-mou", "mou", "fr-dcpj", "CSHS", "2007-04-12", "Paris", "tnc",
       status="terminated", ended="2023-12-31"),
    _i("fr-gn-2008-mou", "mou", "fr-gn", "CDN", "2008-10-23", "Paris", "capacity"),
    _i("fr-ofast-2021-mou", "mou", "fr-ofast", "CSMT", "2021-06-17", "Hà Nội – Paris (trực tuyến)", "drugs"),
    _i("vn-fr-2000-mla", "treaty", "c:FR", "BCA", "2000-02-24", "Paris", "mla", in_force="2001-07-01"),
    _i("de-bmi-1996-agr", "agr", "de-bmi", "CDN", "1996-11-28", "Bonn", "crime"),
    _i("de-bka-1997-mou", "mou", "de-bka", "CDN", "1997-09-11", "Wiesbaden", "tnc"),
    _i("vn-de-1995-readmission", "gov", "c:DE", "BCA", "1995-07-21", "Berlin", "readmission", in_force="1995-09-21"),
    _i("it-ps-2009-mou", "mou", "it-ps", "CDN", "2009-11-05", "Rome", "crime"),
    _i("it-gdf-2017-mou", "mou", "it-gdf", "CSKT", "2017-05-18", "Rome", "econ", status="expired", expires="2022-05-17"),
    _i("es-pn-2010-mou", "mou", "es-pn", "CDN", "2010-10-14", "Madrid", "crime"),
    _i("vn-es-2014-extradition", "treaty", "c:ES", "BCA", "2014-09-24", "Madrid", "extradition", in_force="2016-02-18"),
    _i("nl-politie-2012-mou", "mou", "nl-politie", "CDN", "2012-06-21", "The Hague", "crime"),
    _i("be-police-2013-mou", "mou", "be-police", "CDN", "2013-05-30", "Brussels", "crime"),
    _i("se-police-2015-mou", "mou", "se-police", "CDN", "2015-10-22", "Stockholm", "crime"),
    _i("no-kripos-2014-mou", "mou", "no-kripos", "CSHS", "2014-03-13", "Oslo", "tnc"),
    _i("cz-mv-1995-agr", "agr", "cz-mv", "CDN", "1995-04-20", "Prague", "crime"),
    _i("hu-orfk-2002-mou", "mou", "hu-orfk", "CDN", "2002-04-18", "Budapest", "crime"),
    _i("bg-mvr-1999-mou", "mou", "bg-mvr", "CDN", "1999-09-30", "Sofia", "crime"),
    # --- Americas -------------------------------------------------------------------------------
    _i("us-dea-2002-mou", "mou", "us-dea", "CSMT", "2002-06-20", "Hà Nội", "drugs"),
    _i("us-fbi-2005-mou", "mou", "us-fbi", "CDN", "2005-03-10", "Hà Nội", "tnc"),
    _i("us-inl-2007-mou", "mou", "us-inl", "CDN", "2007-08-09", "Hà Nội", "capacity"),
    _i("vn-us-2006-drugs", "gov", "c:US", "BCA", "2006-07-12", "Hà Nội", "drug_control"),
    _i("ca-rcmp-2007-mou", "mou", "ca-rcmp", "CDN", "2007-11-15", "Ottawa", "crime"),
    _i("cu-minint-1995-agr", "agr", "cu-minint", "BCA", "1995-10-12", "La Habana", "security_crime"),
    _i("ar-pfa-2013-mou", "mou", "ar-pfa", "CDN", "2013-04-25", "Buenos Aires", "crime"),
    _i("cl-pdi-2015-mou", "mou", "cl-pdi", "CDN", "2015-11-12", "Santiago", "crime"),
    # --- Oceania and Africa ---------------------------------------------------------------------
    _i("au-afp-1999-mou", "mou", "au-afp", "CDN", "1999-07-29", "Canberra", "crime",
       status="superseded", ended="2009-03-18", superseded_by="au-afp-2009-mou"),
    _i("au-afp-2009-mou", "mou", "au-afp", "CDN", "2009-03-19", "Hà Nội", "tnc", started="2008-05-06", clauses=[
        ("Điều 4", "Hai Bên duy trì sĩ quan liên lạc tại cơ quan đại diện ngoại giao của mỗi nước để hỗ trợ trao đổi thông tin.", True),
        ("Điều 6", "Hai Bên phối hợp tổ chức các khóa đào tạo về điều tra tội phạm ma túy, rửa tiền và tội phạm mạng.", True),
    ]),
    _i("au-afp-csmt-2004-mou", "mou", "au-afp", "CSMT", "2004-02-26", "Canberra", "drugs"),
    _i("au-nsw-police-2010-mou", "mou", "au-nsw-police", "CA-THANH-PHO-HO-CHI-MINH", "2010-04-15", "Sydney", "crime"),
    _i("au-vic-police-2014-mou", "mou", "au-vic-police", "CA-THANH-PHO-HO-CHI-MINH", "2014-08-07", "Melbourne", "crime",
       status="expired", expires="2023-05-09"),
    _i("vn-au-2008-transfer", "treaty", "c:AU", "BCA", "2008-10-13", "Canberra", "transfer", in_force="2009-07-21"),
    _i("vn-au-2012-extradition", "treaty", "c:AU", "BCA", "2012-04-10", "Hà Nội", "extradition", in_force="2014-06-03"),
    _i("nz-police-2010-mou", "mou", "nz-police", "CDN", "2010-03-25", "Wellington", "crime"),
    _i("za-saps-2013-mou", "mou", "za-saps", "CDN", "2013-10-31", "Pretoria", "crime"),
    # --- Multilateral bodies (bilateral instruments with a body) --------------------------------
    _i("interpol-2016-agr", "agr", "b:interpol", "BCA", "2016-09-13", "Lyon", "capacity"),
    _i("unodc-2009-mou", "mou", "b:unodc", "CSMT", "2009-06-25", "Hà Nội", "drugs", level="ministry"),
]

_BILATERAL_AFTER_COUNT_DATE = [
    # The day after the count date: not among the 150.
    _i("la-mps-plan-2022", "plan", "la-mps", "BCA", "2021-12-15", "Viêng Chăn", _year(2022), status="expired", expires="2022-12-31"),
    _i("la-mps-plan-2023", "plan", "la-mps", "BCA", "2022-12-20", "Hà Nội", _year(2023), status="expired", expires="2023-12-31"),
    _i("la-mps-plan-2024", "plan", "la-mps", "BCA", "2023-12-19", "Viêng Chăn", _year(2024), status="expired", expires="2024-12-31"),
    _i("la-mps-plan-2025", "plan", "la-mps", "BCA", "2024-12-17", "Hà Nội", _year(2025), status="expired", expires="2025-12-31"),
    _i("la-mps-plan-2026", "plan", "la-mps", "BCA", "2025-12-16", "Viêng Chăn", _year(2026), expires="2026-12-31"),
    _i("kh-moi-plan-2023-2027", "plan", "kh-moi", "BCA", "2022-12-08", "Phnôm Pênh", _period(2023, 2027), expires="2027-12-31"),
    _i("jp-npa-cab-2023-mou", "mou", "jp-npa-cab", "ANM", "2023-02-14", "Tokyo", "cyber"),
    _i("sg-csa-2023-mou", "mou", "sg-csa", "ANM", "2023-07-20", "Singapore", "cybersec", expires="2028-07-19"),
    _i("fr-dnpj-2024-mou", "mou", "fr-dnpj", "CSHS", "2024-06-13", "Paris", "tnc"),
    _i("kr-smpa-ha-noi-2024-mou", "mou", "kr-smpa", "CA-HA-NOI", "2024-05-21", "Hà Nội", "crime"),
    _i("un-dpo-2024-mou", "mou", "b:un-dpo", "BCA", "2024-06-20", "New York", "peacekeeping"),
    _i("id-imipas-2025-mou", "mou", "id-imipas", "XNC", "2025-03-12", "Jakarta", "immigration"),
    _i("br-pf-2025-mou", "mou", "br-pf", "CDN", "2025-04-15", "Brasília", "crime", expires="2030-04-14"),
]

_PENDING = [
    _i("gb-nca-tip-draft", "mou", "gb-nca", "CDN", None, "", ("hợp tác phòng, chống mua bán người và di cư trái phép", "cooperation in combating trafficking in persons and illegal migration"),
       status="negotiating", started="2025-03-18"),
    _i("us-hsi-tnc-draft", "mou", "us-hsi", "CSHS", None, "", "tnc", status="negotiating", started="2024-09-10"),
    _i("mx-sspc-crime-draft", "mou", "mx-sspc", "CDN", None, "", "crime", status="negotiating", started="2025-11-20"),
    _i("vn-ae-transfer-draft", "treaty", "c:AE", "BCA", None, "", "transfer", status="drafting"),
    _i("kr-knpa-plan-2027-2031-draft", "plan", "kr-knpa", "CDN", None, "", _period(2027, 2031), status="drafting"),
]
# fmt: on


def _multilateral(key, title, title_en, type_, level, parties, signed, in_force, place, unit, **extra):
    instrument = {
        "key": key,
        "title": title,
        "title_en": title_en,
        "type": type_,
        "level": level,
        "multilateral": True,
        "parties": parties,
        "negotiation_started_on": None,
        "signed_on": signed,
        "in_force_on": in_force,
        "expires_on": None,
        "ended_on": None,
        "status": "in_force" if in_force else "signed",
        "place": place,
        "unit": unit,
        "classification": "thuong",
        "superseded_by": None,
        "clauses": [],
        "request_types": [],
        "party_actions": [],
    }
    instrument.update(extra)
    return instrument


_MULTILATERAL_BEFORE_COUNT_DATE = [
    _multilateral(
        "mekong-mou-1995",
        "Bản ghi nhớ về kiểm soát ma túy giữa các nước tiểu vùng sông Mê Công và Cơ quan Kiểm soát ma túy của Liên hợp quốc",
        "Memorandum of Understanding on Drug Control among the Mekong sub-region countries and UNDCP",
        "mou",
        "government",
        [{"body": "mekong-mou"}, {"body": "unodc"}],
        "1995-05-19",
        "1995-05-19",
        "",
        "CSMT",
    ),
    _multilateral(
        "asean-mlat-2004",
        "Hiệp ước tương trợ tư pháp về hình sự giữa các nước thành viên ASEAN",
        "Treaty on Mutual Legal Assistance in Criminal Matters among ASEAN Member Countries",
        "treaty",
        "state",
        [{"body": "asean"}],
        "2004-11-29",
        "2005-12-01",
        "Kuala Lumpur",
        "BCA",
        # Named by its title; party dates are not in the seeds and stay unrecorded.
        request_types=["mla"],
    ),
    _multilateral(
        "commit-mou-2004",
        "Bản ghi nhớ về hợp tác phòng, chống mua bán người tại tiểu vùng sông Mê Công mở rộng (COMMIT)",
        "Memorandum of Understanding on Cooperation against Trafficking in Persons in the Greater Mekong Sub-Region (COMMIT)",
        "mou",
        "government",
        [{"body": "commit"}],
        "2004-10-29",
        "2004-10-29",
        "Yangon",
        "CSHS",
    ),
    _multilateral(
        "asean-acct-2007",
        "Công ước ASEAN về chống khủng bố",
        "ASEAN Convention on Counter Terrorism",
        "treaty",
        "state",
        [{"body": "asean"}],
        "2007-01-13",
        "2011-05-27",
        "Cebu",
        "BCA",
    ),
    _multilateral(
        "asean-actip-2015",
        "Công ước ASEAN về phòng, chống buôn bán người, đặc biệt là phụ nữ và trẻ em",
        "ASEAN Convention against Trafficking in Persons, Especially Women and Children",
        "treaty",
        "state",
        [{"body": "asean"}],
        "2015-11-21",
        "2017-03-08",
        "Kuala Lumpur",
        "BCA",
    ),
]

# Illustrative: the seeds say that 72 states signed in Hà Nội on 25/10/2025, not which ones.
_CONVENTION_SIGNATORIES = (
    "VN", "AO", "AR", "AT", "AZ", "BD", "BE", "BF", "BO", "BR", "BY", "CI", "CL", "CM", "CN", "CO",
    "CR", "CU", "DK", "DO", "DZ", "EC", "EG", "ES", "ET", "FI", "FR", "GH", "GR", "GT", "HN", "HU",
    "ID", "IN", "IR", "IT", "JM", "JO", "KE", "KG", "KH", "KZ", "LA", "LK", "MA", "MM", "MN", "MX",
    "MY", "MZ", "NG", "NI", "NL", "NP", "PE", "PH", "PK", "PT", "QA", "RS", "RU", "SA", "SN", "TH",
    "TJ", "TN", "TZ", "UG", "UY", "UZ", "VE", "ZA",
)  # fmt: skip

_CONVENTION = _multilateral(
    CONVENTION_KEY,
    "Công ước của Liên hợp quốc về chống tội phạm mạng",
    "United Nations Convention against Cybercrime",
    "treaty",
    "state",
    [{"body": "un"}],
    "2025-10-25",
    None,
    "Hà Nội",
    "BCA",
    # The Ad Hoc Committee's organisational session (partners.demo_data: ahc-cybercrime).
    negotiation_started_on="2021-05-10",
    clauses=[
        {
            "number": "Điều 7",
            "text": "Mỗi quốc gia thành viên xây dựng pháp luật để hình sự hóa hành vi truy cập trái phép vào hệ thống công nghệ thông tin và truyền thông.",
            "creates_obligation": True,
            "demo_text": True,
        },
        {
            "number": "Điều 41",
            "text": "Mỗi quốc gia thành viên chỉ định một đầu mối liên lạc hoạt động 24 giờ mỗi ngày, 7 ngày mỗi tuần để hỗ trợ ngay các yêu cầu điều tra, thu thập chứng cứ điện tử.",
            "creates_obligation": True,
            "demo_text": True,
        },
    ],
    party_actions=[
        {"country": code, "signed_on": "2025-10-25", "ratified_on": None, "acceded_on": None}
        for code in _CONVENTION_SIGNATORIES
    ],
)

INSTRUMENTS = [
    *_BILATERAL_BEFORE_COUNT_DATE,
    *_MULTILATERAL_BEFORE_COUNT_DATE,
    *_BILATERAL_AFTER_COUNT_DATE,
    _CONVENTION,
    *_PENDING,
]
