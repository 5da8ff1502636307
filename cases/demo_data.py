"""Demo cooperation cases, operations and the competent-authority directory.

Public: Chuyên án 568P with the Cambodian police (April 2022: about 44 kg synthetic drugs and
19 kg heroin seized, 12 suspects prosecuted) and the arrest of three INTERPOL-wanted suspects
(seed 002); the names of public institutions. Fictional: every person (subjects), every
other case, all reference numbers. Dates of open cases are relative to the day the demo is
loaded (``days`` before today) so that the demo always shows running and overdue deadlines.
"""

from __future__ import annotations

# (country, request kind, role, name (vi), name (en), languages, channels, urgent procedure)
AUTHORITIES = [
    (
        "VN",
        "mla",
        "central",
        "Viện kiểm sát nhân dân tối cao",
        "Supreme People's Procuracy of Viet Nam",
        "Tiếng Việt; tiếng Anh",
        "Đường ngoại giao; trực tiếp với cơ quan trung ương",
        "Từ 01/7/2026 là cơ quan trung ương về tương trợ tư pháp hình sự; các đơn vị Bộ Công an chuẩn bị và thực hiện yêu cầu thông qua Viện kiểm sát.",
    ),
    (
        "VN",
        "extradition",
        "central",
        "Bộ Công an",
        "Ministry of Public Security of Viet Nam",
        "Tiếng Việt; tiếng Anh",
        "Đường ngoại giao; INTERPOL",
        "Từ 01/7/2026 là cơ quan trung ương về dẫn độ và chuyển giao người đang chấp hành án phạt tù; bắt khẩn cấp tạm giữ để dẫn độ: Bên yêu cầu gửi hồ sơ trong 45 ngày.",
    ),
    (
        "VN",
        "transfer",
        "central",
        "Bộ Công an",
        "Ministry of Public Security of Viet Nam",
        "Tiếng Việt; tiếng Anh",
        "Đường ngoại giao",
        "",
    ),
    (
        "VN",
        "interpol",
        "central",
        "Văn phòng Interpol Việt Nam (Bộ Công an)",
        "INTERPOL National Central Bureau Hanoi",
        "Tiếng Việt; tiếng Anh; tiếng Pháp",
        "I-24/7",
        "Thông báo khẩn qua I-24/7, trực 24/7.",
    ),
    (
        "KH",
        "mla",
        "central",
        "Bộ Tư pháp Campuchia",
        "Ministry of Justice of Cambodia",
        "Tiếng Khmer; tiếng Anh",
        "Đường ngoại giao",
        "",
    ),
    (
        "KH",
        "extradition",
        "central",
        "Bộ Tư pháp Campuchia",
        "Ministry of Justice of Cambodia",
        "Tiếng Khmer; tiếng Anh",
        "Đường ngoại giao",
        "Yêu cầu bắt khẩn cấp qua INTERPOL hoặc đường ngoại giao.",
    ),
    (
        "KH",
        "interpol",
        "central",
        "Văn phòng Interpol Phnôm Pênh (Cảnh sát Quốc gia Campuchia)",
        "INTERPOL National Central Bureau Phnom Penh",
        "Tiếng Khmer; tiếng Anh",
        "I-24/7; sĩ quan liên lạc",
        "",
    ),
    (
        "LA",
        "mla",
        "central",
        "Bộ Tư pháp Lào",
        "Ministry of Justice of the Lao PDR",
        "Tiếng Lào; tiếng Anh",
        "Đường ngoại giao",
        "",
    ),
    (
        "LA",
        "interpol",
        "central",
        "Văn phòng Interpol Viêng Chăn (Bộ Công an Lào)",
        "INTERPOL National Central Bureau Vientiane",
        "Tiếng Lào; tiếng Anh",
        "I-24/7",
        "",
    ),
    (
        "CN",
        "mla",
        "central",
        "Bộ Tư pháp Trung Quốc",
        "Ministry of Justice of the People's Republic of China",
        "Tiếng Trung; tiếng Anh",
        "Đường ngoại giao; cơ quan trung ương",
        "",
    ),
    (
        "CN",
        "extradition",
        "central",
        "Bộ Ngoại giao Trung Quốc",
        "Ministry of Foreign Affairs of the People's Republic of China",
        "Tiếng Trung",
        "Đường ngoại giao",
        "",
    ),
    (
        "CN",
        "interpol",
        "central",
        "Văn phòng Interpol Bắc Kinh (Bộ Công an Trung Quốc)",
        "INTERPOL National Central Bureau Beijing",
        "Tiếng Trung; tiếng Anh",
        "I-24/7",
        "",
    ),
    (
        "TH",
        "mla",
        "central",
        "Văn phòng Tổng Chưởng lý Thái Lan",
        "Office of the Attorney General of Thailand",
        "Tiếng Thái; tiếng Anh",
        "Cơ quan trung ương; đường ngoại giao",
        "",
    ),
    (
        "TH",
        "extradition",
        "central",
        "Văn phòng Tổng Chưởng lý Thái Lan",
        "Office of the Attorney General of Thailand",
        "Tiếng Thái; tiếng Anh",
        "Đường ngoại giao",
        "",
    ),
    (
        "TH",
        "interpol",
        "central",
        "Văn phòng Interpol Băng Cốc (Cảnh sát Hoàng gia Thái Lan)",
        "INTERPOL National Central Bureau Bangkok",
        "Tiếng Thái; tiếng Anh",
        "I-24/7",
        "",
    ),
    (
        "KR",
        "mla",
        "central",
        "Bộ Tư pháp Hàn Quốc",
        "Ministry of Justice of the Republic of Korea",
        "Tiếng Hàn; tiếng Anh",
        "Cơ quan trung ương",
        "",
    ),
    (
        "KR",
        "extradition",
        "central",
        "Bộ Tư pháp Hàn Quốc",
        "Ministry of Justice of the Republic of Korea",
        "Tiếng Hàn; tiếng Anh",
        "Đường ngoại giao",
        "",
    ),
    (
        "KR",
        "interpol",
        "central",
        "Văn phòng Interpol Seoul (Cơ quan Cảnh sát Quốc gia Hàn Quốc)",
        "INTERPOL National Central Bureau Seoul",
        "Tiếng Hàn; tiếng Anh",
        "I-24/7; sĩ quan liên lạc",
        "",
    ),
    (
        "JP",
        "mla",
        "central",
        "Bộ Tư pháp Nhật Bản",
        "Ministry of Justice of Japan",
        "Tiếng Nhật; tiếng Anh",
        "Cơ quan trung ương",
        "",
    ),
    (
        "JP",
        "interpol",
        "central",
        "Văn phòng Interpol Tokyo (Cơ quan Cảnh sát Quốc gia Nhật Bản)",
        "INTERPOL National Central Bureau Tokyo",
        "Tiếng Nhật; tiếng Anh",
        "I-24/7",
        "",
    ),
    (
        "US",
        "mla",
        "central",
        "Văn phòng Các vấn đề quốc tế, Bộ Tư pháp Hoa Kỳ",
        "Office of International Affairs, U.S. Department of Justice",
        "Tiếng Anh",
        "Cơ quan trung ương; đường ngoại giao",
        "",
    ),
    (
        "US",
        "extradition",
        "central",
        "Văn phòng Các vấn đề quốc tế, Bộ Tư pháp Hoa Kỳ",
        "Office of International Affairs, U.S. Department of Justice",
        "Tiếng Anh",
        "Đường ngoại giao",
        "",
    ),
    (
        "US",
        "interpol",
        "central",
        "Văn phòng Interpol Washington",
        "INTERPOL Washington (U.S. National Central Bureau)",
        "Tiếng Anh",
        "I-24/7",
        "",
    ),
    (
        "AU",
        "mla",
        "central",
        "Bộ Tổng Chưởng lý Australia",
        "Attorney-General's Department (Australia)",
        "Tiếng Anh",
        "Cơ quan trung ương",
        "",
    ),
    (
        "AU",
        "extradition",
        "central",
        "Bộ Tổng Chưởng lý Australia",
        "Attorney-General's Department (Australia)",
        "Tiếng Anh",
        "Đường ngoại giao",
        "",
    ),
    (
        "AU",
        "interpol",
        "central",
        "Văn phòng Interpol Canberra (Cảnh sát Liên bang Australia)",
        "INTERPOL National Central Bureau Canberra",
        "Tiếng Anh",
        "I-24/7; sĩ quan liên lạc",
        "",
    ),
    (
        "RU",
        "mla",
        "central",
        "Viện Tổng Công tố Liên bang Nga",
        "Prosecutor General's Office of the Russian Federation",
        "Tiếng Nga",
        "Cơ quan trung ương; đường ngoại giao",
        "",
    ),
    (
        "RU",
        "interpol",
        "central",
        "Văn phòng Interpol Mát-xcơ-va (Bộ Nội vụ Nga)",
        "INTERPOL National Central Bureau Moscow",
        "Tiếng Nga; tiếng Anh",
        "I-24/7",
        "",
    ),
    (
        "GB",
        "mla",
        "central",
        "Cơ quan Trung ương Vương quốc Anh (Bộ Nội vụ)",
        "UK Central Authority (Home Office)",
        "Tiếng Anh",
        "Cơ quan trung ương",
        "",
    ),
    (
        "GB",
        "interpol",
        "central",
        "Văn phòng Interpol Manchester (Cơ quan Phòng chống tội phạm quốc gia)",
        "INTERPOL National Central Bureau Manchester (National Crime Agency)",
        "Tiếng Anh",
        "I-24/7",
        "",
    ),
    (
        "FR",
        "mla",
        "central",
        "Bộ Tư pháp Pháp",
        "Ministry of Justice of France",
        "Tiếng Pháp",
        "Cơ quan trung ương; đường ngoại giao",
        "",
    ),
    (
        "FR",
        "interpol",
        "central",
        "Văn phòng Interpol Pháp (Cảnh sát Quốc gia Pháp)",
        "INTERPOL National Central Bureau France",
        "Tiếng Pháp; tiếng Anh",
        "I-24/7",
        "",
    ),
]

# Cases. ``days``: opened that many days before today (open cases), or ``on``: a fixed date.
# ``status_path``: statuses the case goes through after creation (so the deadline engine sees them).
CASES = [
    # The three INTERPOL-wanted suspects of seed 002 (public event, fictional persons).
    *[
        {
            "title": f"Truy nã quốc tế (Thông báo đỏ) – đối tượng thứ {n} nhập cảnh với danh nghĩa chuyên gia",
            "type": "interpol_notice",
            "direction": "incoming",
            "notice_colour": "red",
            "channel": "interpol",
            "crime_area": "cyber",
            "on": "2022-05-10",
            "unit": "CSHS",
            "support": ["ANM", "XNC"],
            "classification": "mat",
            "status_path": ["in_progress", "answered", "closed"],
            "summary": "Đối tượng có lệnh truy nã của INTERPOL, nhập cảnh Việt Nam với danh nghĩa chuyên gia của doanh nghiệp, sử dụng mạng internet để phạm tội; Công an Việt Nam đã phối hợp bắt giữ (bài 002). Nhân thân là dữ liệu hư cấu.",
            "refs": [("interpol", f"DEMO-RN/2022/0{n}")],
            "subjects": [
                ("Đối tượng bị truy nã", name, f"1985-0{n}-1{n}", "Không công bố (dữ liệu mẫu)", "")
            ],
            # A Mật message to INTERPOL goes out on a Deputy Minister's release decision (fictional).
            "decisions": [
                {
                    "decided_on": "2022-05-20",
                    "decision_ref": f"DEMO-QD-CCTT/2022/0{n}",
                    "decision_level": "deputy_minister",
                    "decided_by": "Thứ trưởng Bộ Công an (dữ liệu mẫu)",
                    "released_level": "mat",
                    "information": "Kết quả bắt giữ, nhân thân của đối tượng bị truy nã",
                    "foreign_organisation": "Tổng Ban thư ký INTERPOL (Lyon)",
                    "representative": "Sĩ quan hư cấu INTERPOL",
                    "representative_nationality": "Pháp (dữ liệu mẫu)",
                    "passport_number": f"DEMO-FR-00{n}",
                    "representative_position": "Sĩ quan trực ban Trung tâm chỉ huy",
                    "purpose": "Cập nhật thông báo đỏ và thông báo cho Bên yêu cầu truy nã",
                    "protection_commitment": "Thông tin chỉ dùng trong hệ thống INTERPOL theo quy tắc xử lý dữ liệu của INTERPOL",
                }
            ],
            "messages": [
                (
                    "2022-05-10",
                    "received",
                    "interpol",
                    "Nhận thông báo đỏ và đề nghị xác minh",
                    {"handling_code": "h1", "grading": "B2"},
                ),
                (
                    "2022-05-24",
                    "sent",
                    "interpol",
                    "Thông báo kết quả bắt giữ đối tượng",
                    {"handling_code": "h0", "grading": "A1", "decision": 0, "subjects": True},
                ),
            ],
        }
        for n, name in ((1, "Nguyễn Hư Cấu Một"), (2, "Lê Hư Cấu Hai"), (3, "Phạm Hư Cấu Ba"))
    ],
    {
        "title": "Phối hợp điều tra Chuyên án 568P với Cảnh sát Campuchia",
        "type": "joint_investigation",
        "direction": "outgoing",
        "channel": "liaison",
        "crime_area": "drugs",
        "on": "2022-03-15",
        "unit": "CSMT",
        "countries": ["KH"],
        "agencies": [("KH", "GCNP")],
        "status_path": ["sent", "acknowledged", "in_progress", "answered", "closed"],
        "summary": "Hồ sơ phối hợp của Chuyên án 568P (kết quả công khai theo bài 002; diễn biến hồ sơ là dữ liệu mẫu).",
        "refs": [("ours", "DEMO-568P/CSMT")],
    },
    {
        "title": "Yêu cầu tương trợ tư pháp về thu thập chứng cứ vụ lừa đảo trực tuyến xuyên quốc gia",
        "type": "mla",
        "direction": "outgoing",
        "channel": "diplomatic",
        "crime_area": "fraud",
        "days": 150,
        "unit": "ANM",
        "countries": ["KR"],
        "status_path": ["sent", "acknowledged"],
        "refs": [("ours", "DEMO-TTTP/2026/011"), ("partner", "DEMO-KR-MLA-2026-77")],
        "paused": "Chờ Bên Hàn Quốc bổ sung bản dịch hồ sơ",
    },
    {
        "title": "Yêu cầu dẫn độ đối tượng mua bán người (đến)",
        "type": "extradition",
        "direction": "incoming",
        "channel": "diplomatic",
        "crime_area": "trafficking",
        "days": 20,
        "unit": "CSHS",
        "countries": ["TH"],
        "arrest_days": 30,
        "status_path": ["in_progress"],
        "refs": [("partner", "DEMO-TH-EXT-2026-05")],
        "subjects": [
            ("Người bị yêu cầu dẫn độ", "Hoàng Văn Giả Định", "1990-04-02", "Việt Nam", "DEMO-C1234567")
        ],
        # Further personal data of the subject, each item tagged (fictional).
        "items": [
            ("criminal", "Bị Bên yêu cầu truy tố về tội mua bán người (dữ liệu mẫu)", "sensitive"),
            ("address", "Nơi cư trú cuối cùng: huyện hư cấu, tỉnh Chanthaburi", "basic"),
        ],
        "messages": [
            (
                -18,
                "received",
                "diplomatic",
                "Nhận hồ sơ yêu cầu dẫn độ kèm tài liệu của cơ quan điều tra Thái Lan",
                {"handling_code": "h2", "grading": "A2"},
            ),
            (
                -10,
                "sent",
                "diplomatic",
                "Gửi xác nhận nhân thân người bị yêu cầu dẫn độ",
                {"handling_code": "h1", "subjects": True},
            ),
        ],
    },
    {
        "title": "Đề nghị xác minh nhân thân công dân nghi bị lừa sang làm việc trái phép",
        "type": "citizen_protection",
        "direction": "incoming",
        "channel": "liaison",
        "crime_area": "trafficking",
        "days": 40,
        "unit": "CA-QUANG-NINH",
        "countries": ["KH"],
        "status_path": ["in_progress"],
        "subjects": [("Nạn nhân", "Đỗ Thị Mẫu", "2001-09-09", "Việt Nam", "")],
    },
    {
        "title": "Yêu cầu trao đổi thông tin về đường dây vận chuyển ma túy qua biên giới",
        "type": "information",
        "direction": "incoming",
        "channel": "aseanapol",
        "crime_area": "drugs",
        "days": 45,
        "unit": "CSMT",
        "countries": ["LA"],
        "status_path": [],
        "refs": [("partner", "DEMO-ASEANAPOL-2026-131")],
    },
    {
        "title": "Đề nghị truy tìm tài sản do phạm tội mà có chuyển ra nước ngoài",
        "type": "asset_recovery",
        "direction": "outgoing",
        "channel": "diplomatic",
        "crime_area": "money_laundering",
        "days": 10,
        "unit": "CSKT",
        "countries": ["AU"],
        "status_path": [],
    },
    {
        "title": "Tiếp nhận, trao trả nạn nhân mua bán người qua cửa khẩu",
        "type": "repatriation",
        "direction": "incoming",
        "channel": "direct",
        "crime_area": "trafficking",
        "days": 70,
        "unit": "CA-QUANG-NINH",
        "countries": ["CN"],
        "status_path": ["in_progress", "answered", "closed"],
    },
    {
        "title": "Thông báo vàng tìm kiếm người mất tích",
        "type": "interpol_notice",
        "direction": "incoming",
        "notice_colour": "yellow",
        "channel": "interpol",
        "crime_area": "other",
        "days": 25,
        "unit": "CSHS",
        "status_path": [],
        "refs": [("interpol", "DEMO-YN/2026/118")],
    },
    {
        "title": "Yêu cầu chuyển giao người đang chấp hành án phạt tù về Việt Nam",
        "type": "transfer",
        "direction": "outgoing",
        "channel": "diplomatic",
        "crime_area": "drugs",
        "days": 120,
        "unit": "CDN",
        "countries": ["GB"],
        "status_path": ["sent", "refused"],
    },
    {
        "title": "Yêu cầu tương trợ tư pháp về lời khai nhân chứng vụ tấn công mạng (đến)",
        "type": "mla",
        "direction": "incoming",
        "channel": "diplomatic",
        "crime_area": "cyber",
        "days": 95,
        "unit": "ANM",
        "countries": ["US"],
        "status_path": ["acknowledged", "in_progress"],
        "refs": [("partner", "DEMO-US-OIA-2026-219")],
    },
    {
        "title": "Đề nghị xác minh thông tin hộ chiếu nghi giả mạo",
        "type": "information",
        "direction": "outgoing",
        "channel": "interpol",
        "crime_area": "smuggling",
        "days": 5,
        "unit": "XNC",
        "countries": ["JP"],
        "status_path": ["sent"],
    },
    {
        "title": "Yêu cầu phối hợp điều tra đường dây rửa tiền qua tiền mã hóa (dự thảo)",
        "type": "joint_investigation",
        "direction": "outgoing",
        "channel": "liaison",
        "crime_area": "money_laundering",
        "days": 3,
        "unit": "CA-HA-NOI",
        "countries": ["RU"],
        "status_path": [],
    },
    {
        "title": "Tiếp nhận 205 đối tượng trong đường dây lừa đảo chiếm đoạt tài sản bị bắt giữ tại Campuchia",
        "type": "repatriation",
        "direction": "incoming",
        "channel": "direct",
        "crime_area": "fraud",
        "on": "2026-01-15",
        "unit": "CA-TUYEN-QUANG",
        "support": ["CA-TAY-NINH"],
        "countries": ["KH"],
        "status_path": ["closed"],
        "summary": "Rạng sáng 15/1, Công an tỉnh Tuyên Quang di lý 74 đối tượng (trên tổng số 205 đối tượng bị bắt giữ) trong đường dây lừa đảo chiếm đoạt tài sản tại Campuchia từ cửa khẩu quốc tế Mộc Bài (tỉnh Tây Ninh) về Cơ quan CSĐT Công an tỉnh Tuyên Quang (bài 004; năm 2026 suy ra từ bối cảnh bài).",
    },
]

OPERATIONS = [
    {
        "name": "Chuyên án 568P",
        "crime_area": "drugs",
        "started_on": "2022-04-01",
        "ended_on": "2022-04-30",
        "unit": "CSMT",
        "countries": ["KH"],
        "agencies": [("KH", "GCNP")],
        "cases": ["Phối hợp điều tra Chuyên án 568P với Cảnh sát Campuchia"],
        # The instrument its outcomes are recorded under: the demo's drug-control memorandum
        # between our drug police and Cambodia's national police (an illustrative instrument of
        # instruments.demo_data, like every demo instrument; the seeds name none).
        "instrument": "kh-gdnp-csmt-2008-mou",
        "summary": "Tháng 4/2022, Bộ Công an và các lực lượng chức năng Việt Nam phối hợp với cảnh sát Campuchia phá Chuyên án 568P, thu giữ khoảng 44 kg ma túy tổng hợp các loại, 19 kg heroin, khởi tố 12 đối tượng về hành vi mua bán, vận chuyển trái phép chất ma túy (bài 002; ngày cụ thể không công bố).",
        "outcomes": [
            {
                "kind": "seizure",
                "substance": "Ma túy tổng hợp các loại",
                "quantity": "44",
                "measure_unit": "kg",
            },
            {"kind": "seizure", "substance": "Heroin", "quantity": "19", "measure_unit": "kg"},
            {"kind": "prosecution", "count": 12, "notes": "Mua bán, vận chuyển trái phép chất ma túy"},
        ],
    },
    {
        "name": "Bắt giữ 3 đối tượng bị INTERPOL truy nã (2022)",
        "crime_area": "cyber",
        "started_on": "2022-05-10",
        "ended_on": "2022-05-24",
        "unit": "CSHS",
        "cases": [c["title"] for c in CASES[:3]],
        "summary": "3 đối tượng có lệnh truy nã của INTERPOL nhập cảnh Việt Nam với danh nghĩa chuyên gia của doanh nghiệp, sử dụng mạng internet để phạm tội, đã bị Công an Việt Nam phối hợp bắt giữ (bài 002; ngày là dữ liệu mẫu).",
        "outcomes": [{"kind": "arrest", "count": 3, "notes": "Đối tượng bị INTERPOL truy nã"}],
        "classification": "mat",
    },
    {
        "name": "Tiếp nhận, di lý 205 đối tượng lừa đảo bị bắt giữ tại Campuchia (01/2026)",
        "crime_area": "fraud",
        "started_on": "2026-01-15",
        "ended_on": "2026-01-15",
        "unit": "CA-TUYEN-QUANG",
        "countries": ["KH"],
        "cases": [
            "Tiếp nhận 205 đối tượng trong đường dây lừa đảo chiếm đoạt tài sản bị bắt giữ tại Campuchia"
        ],
        "summary": "205 đối tượng bị bắt giữ trong đường dây lừa đảo chiếm đoạt tài sản tại Campuchia được tiếp nhận qua cửa khẩu quốc tế Mộc Bài; 74 đối tượng được di lý về Công an tỉnh Tuyên Quang (bài 004).",
        "outcomes": [
            {
                "kind": "repatriation",
                "count": 205,
                "notes": "Tiếp nhận qua cửa khẩu quốc tế Mộc Bài (Tây Ninh); 74 đối tượng di lý về Công an tỉnh Tuyên Quang",
            },
        ],
    },
]

# Letter templates (name, language, case type or "" for every type, heading, body).
LETTER_TEMPLATES = [
    (
        "Mẫu chung: thư yêu cầu hợp tác",
        "vi",
        "",
        "Đề nghị hợp tác: {case_type}",
        """Kính gửi: {requested_party}

{requesting_party} gửi lời chào trân trọng tới {requested_party} và đề nghị hợp tác về việc: {title}.

Căn cứ pháp lý: {legal_basis}.

Tóm tắt sự việc:
{facts}

Người có liên quan:
{persons}

Nội dung đề nghị hỗ trợ:
{assistance}

Số tham chiếu của chúng tôi: {our_reference}. Số tham chiếu của Quý cơ quan: {partner_reference}.

Đầu mối liên hệ: {contacts}

Nhân dịp này, {requesting_party} gửi tới {requested_party} lời chào trân trọng.""",
    ),
    (
        "General template: request for cooperation",
        "en",
        "",
        "Request for cooperation: {case_type}",
        """To: {requested_party}

{requesting_party} presents its compliments to {requested_party} and has the honour to request its cooperation in the following matter: {title}.

Legal basis: {legal_basis}.

Summary of the facts:
{facts}

Persons concerned:
{persons}

Assistance requested:
{assistance}

Our reference: {our_reference}. Your reference: {partner_reference}.

Contact: {contacts}

{requesting_party} avails itself of this opportunity to renew to {requested_party} the assurances of its highest consideration.""",
    ),
    (
        "Yêu cầu dẫn độ",
        "vi",
        "extradition",
        "Yêu cầu dẫn độ",
        """Kính gửi: {requested_party}

Căn cứ {legal_basis}, {requesting_party} trân trọng đề nghị {requested_party} dẫn độ người có tên dưới đây về Việt Nam để truy cứu trách nhiệm hình sự.

Người bị yêu cầu dẫn độ:
{persons}

Tóm tắt hành vi phạm tội:
{facts}

Đề nghị cụ thể:
{assistance}

Số tham chiếu: {our_reference}. Đầu mối liên hệ: {contacts}""",
    ),
    (
        "Extradition request",
        "en",
        "extradition",
        "Request for extradition",
        """To: {requested_party}

Pursuant to {legal_basis}, {requesting_party} has the honour to request the extradition of the person named below to Viet Nam for criminal prosecution.

Person sought:
{persons}

Summary of the offence:
{facts}

Specific request:
{assistance}

Reference: {our_reference}. Contact: {contacts}""",
    ),
]
