"""The catalogue of problems: permanent code -> Vietnamese message and hint.

Codes never change meaning once published, so authors and tools can look
them up. The message says what happened; the hint says what to do. Both are
`str.format` templates filled from the keyword arguments of `problem()`.

Ranges: LOA10x files, LOA11x YAML, LOA12x fields, LOA13x references,
LOA14x dates, LOA15x slugs and aliases, LOA16x links, LOA17x registries,
LOA2xx safety, encodings and the URL ledger, LOA5xx social posts,
LOA9xx site configuration.
"""
from __future__ import annotations

from loa.core.model import Problem, Severity

E, W = Severity.ERROR, Severity.WARNING

CATALOGUE: dict[str, tuple[Severity, str, str]] = {
    # Files
    "LOA100": (E, "tệp không phải mã UTF-8{detail}",
               "mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8, "
               "hoặc chạy: loa doctor --fix {path}"),
    "LOA101": (E, "tệp trống",
               "viết phần đầu (front matter) giữa hai dòng --- rồi đến nội dung bài"),
    "LOA102": (E, "thiếu phần đầu (front matter): dòng đầu tiên phải là ---",
               "thêm vào đầu tệp:\n---\ntitle: ...\nsummary: ...\n---"),
    "LOA103": (E, "phần đầu mở bằng --- ở dòng {start} nhưng không có dòng --- để đóng",
               "thêm một dòng chỉ có --- sau trường cuối cùng của phần đầu"),
    "LOA104": (E, "tệp quá lớn ({size}); mỗi bài tối đa {limit}",
               "chia bài thành nhiều bài ngắn hơn"),
    "LOA105": (E, "liên kết tượng trưng trỏ ra ngoài thư mục content/: {target}",
               "xóa liên kết và chép tệp thật vào content/"),
    # YAML
    "LOA110": (E, "phần đầu sai cú pháp YAML: {detail}",
               "kiểm tra dấu hai chấm, dấu ngoặc và thụt lề ở dòng này; "
               "giá trị có dấu : thì đặt trong ngoặc kép"),
    "LOA111": (E, "dùng phím Tab để thụt lề trong phần đầu",
               "YAML chỉ nhận dấu cách: thay Tab bằng hai dấu cách"),
    "LOA112": (E, "trường \"{key}\" được khai báo hai lần (lần trước ở dòng {first})",
               "giữ một dòng \"{key}\" và xóa dòng còn lại, để không mất nội dung"),
    "LOA113": (E, "thẻ YAML \"{tag}\" không được phép",
               "xóa phần bắt đầu bằng !! hoặc !; phần đầu chỉ chứa chữ, số, ngày và danh sách"),
    "LOA114": (E, "phần đầu dùng bí danh YAML (&, *) quá nhiều, có thể là tấn công",
               "viết thẳng giá trị thay cho bí danh & và *"),
    "LOA115": (E, "phần đầu phải là danh sách các trường dạng \"tên: giá trị\"",
               "mỗi dòng một trường, ví dụ:\ntitle: Hòa giải ở cơ sở là gì?"),
    # Fields
    "LOA120": (E, "thiếu trường bắt buộc \"{field}\"",
               "thêm dòng {field}: {example} vào phần đầu"),
    "LOA121": (E, "trường \"{field}\" dài {length} ký tự, vượt giới hạn {limit}",
               "rút gọn còn tối đa {limit} ký tự"),
    "LOA122": (E, "trường \"{field}\" phải là {expected}",
               "ví dụ: {field}: {example}"),
    "LOA123": (W, "trường \"{field}\" không được Loa sử dụng nên sẽ bị bỏ qua",
               "{suggestion}"),
    "LOA124": (E, "trường \"{field}\" đang để trống",
               "ghi ít nhất một giá trị, ví dụ: {field}: {example}"),
    # References
    "LOA130": (E, "đối tượng \"{value}\" không có trong content/audiences.yml",
               "{suggestion}"),
    "LOA131": (E, "chủ đề \"{value}\" không có trong content/topics.yml",
               "{suggestion}"),
    "LOA132": (E, "văn bản \"{value}\" không có trong content/laws.yml",
               "{suggestion}"),
    "LOA133": (E, "số điều \"{value}\" không hợp lệ",
               "ghi số điều là số nguyên dương, ví dụ: articles: [7, 8]"),
    # Dates
    "LOA140": (E, "ngày \"{value}\" ở trường \"{field}\" không đúng định dạng",
               "ghi ngày dạng 15/3/2023 hoặc 2023-03-15"),
    "LOA141": (E, "ngày \"{value}\" ở trường \"{field}\" không tồn tại ({detail})",
               "kiểm tra lại ngày và tháng"),
    "LOA142": (W, "ngày rà soát ({reviewed}) sớm hơn ngày đăng ({date})",
               "kiểm tra lại trường reviewed"),
    # Slugs and aliases
    "LOA150": (E, "đường dẫn \"{slug}\" trùng với bài {other}",
               "đổi tên một trong hai tệp để mỗi bài có đường dẫn riêng"),
    "LOA151": (E, "tên cũ \"{alias}\" trùng với đường dẫn của bài {other}",
               "xóa \"{alias}\" khỏi aliases, hoặc đổi tên bài kia"),
    "LOA152": (E, "tên cũ \"{alias}\" không phải đường dẫn hợp lệ",
               "chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ: {suggestion}"),
    "LOA153": (E, "tên tệp \"{name}\" không tạo được đường dẫn",
               "đặt tên tệp bằng chữ, ví dụ: hoa-giai-la-gi.md"),
    # Links
    "LOA160": (E, "liên kết tới \"{target}\" nhưng không có bài nào như vậy",
               "{suggestion}"),
    # Registries
    "LOA170": (E, "thiếu tệp danh mục {path}",
               "tạo tệp {path}, mỗi mục dạng:\nma-muc:\n  name: Tên hiển thị"),
    "LOA171": (E, "mục \"{entry}\": {detail}",
               "{hint}"),
    "LOA172": (E, "mã \"{entry}\" không hợp lệ",
               "chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ: {suggestion}"),
    # Safety
    "LOA200": (E, "thẻ HTML <{tag}> không được phép trong bài vì có thể chạy mã độc trên máy người đọc",
               "xóa thẻ <{tag}>; muốn nhúng video hay biểu mẫu thì đặt liên kết tới nó"),
    "LOA201": (E, "thuộc tính \"{attr}\" chạy mã khi người đọc bấm hoặc mở trang",
               "xóa thuộc tính {attr}=\"...\" khỏi thẻ HTML"),
    "LOA202": (E, "liên kết dùng giao thức \"{scheme}:\" không an toàn",
               "chỉ liên kết tới địa chỉ bắt đầu bằng https:// hoặc tới bài khác trong trang"),
    "LOA203": (E, "biểu mẫu (<{tag}>) không được phép trong bài",
               "xóa biểu mẫu; muốn thu ý kiến thì ghi số điện thoại hoặc địa chỉ liên hệ"),
    "LOA204": (E, "có ký tự ẩn đảo chiều chữ (U+{codepoint:04X}) có thể dùng để đánh lừa người đọc",
               "xóa ký tự ẩn này: gõ lại đoạn chữ thay vì dán từ nơi khác"),
    # Legacy encodings
    "LOA210": (W, "chữ bị lỗi phông TCVN3 (ABC): \"{sample}\" (đúng ra là \"{converted}\")",
               "chạy: loa doctor --fix {path} để chuyển sang Unicode"),
    "LOA211": (W, "chữ bị lỗi phông VNI: \"{sample}\" (đúng ra là \"{converted}\")",
               "chạy: loa doctor --fix {path} để chuyển sang Unicode"),
    "LOA212": (W, "tệp dùng bảng mã Windows-1258, không phải UTF-8",
               "chạy: loa doctor --fix {path} để chuyển sang UTF-8"),
    # URL ledger
    "LOA220": (E, "địa chỉ đã đăng {url} sẽ không còn mở được",
               "nếu bài đã đổi tên, thêm vào phần đầu của bài mới dòng: aliases: [{slug}]"),
    # Files, YAML budget and bounds (content checks)
    "LOA106": (E, "thư mục bài viết \"{content_dir}\" nằm ngoài thư mục dự án",
               "trong mkdocs.yml, đặt content_dir là một thư mục con của dự án, ví dụ: content_dir: content"),
    "LOA107": (E, "liên kết tượng trưng trỏ tới {target} nhưng tệp đó không tồn tại",
               "xóa liên kết này, hoặc chép tệp thật vào chỗ của nó"),
    "LOA108": (E, "không đọc được tệp ({reason})",
               "kiểm tra quyền đọc của tệp, hoặc mở tệp bằng trình soạn thảo và lưu lại"),
    "LOA109": (E, "tên tệp \"{name}\" cho đường dẫn \"index\", trùng với trang mục lục của thư mục",
               "đổi tên tệp theo nội dung bài, ví dụ: hoa-giai-la-gi.md"),
    "LOA116": (E, "nội dung YAML có {count} giá trị, vượt giới hạn {limit}",
               "tệp quá lớn: xóa các mục không dùng, hoặc tách bớt nội dung"),
    "LOA117": (E, "phần đầu dài {length} ký tự, vượt giới hạn {limit}",
               "phần đầu chỉ ghi thông tin của bài; đặt nội dung bài sau dòng --- thứ hai"),
    "LOA125": (E, "trường \"{field}\" có {count} mục, vượt giới hạn {limit}",
               "chỉ giữ lại tối đa {limit} mục quan trọng nhất"),
    "LOA126": (E, "mục thứ {position} của trường \"{field}\" dài {length} ký tự, vượt giới hạn {limit}",
               "rút gọn mục này còn tối đa {limit} ký tự"),
    "LOA173": (E, "tệp danh mục nặng {size}, vượt giới hạn {limit}",
               "xóa các mục không dùng; danh mục vài nghìn văn bản chỉ nặng chừng 1 MB"),
    "LOA174": (E, "mục \"{entry}\": địa chỉ \"{url}\" không bắt đầu bằng http:// hoặc https://",
               "ghi địa chỉ đầy đủ của văn bản, ví dụ: url: https://vbpl.vn/...; không dùng javascript:, data: hay đường dẫn tương đối"),
    "LOA175": (E, "mục \"{entry}\": trường \"{field}\" dài {length} ký tự, vượt giới hạn {limit}",
               "rút gọn trường {field} còn tối đa {limit} ký tự"),
    "LOA205": (E, "danh sách hoặc trích dẫn lồng nhau {depth} cấp, vượt giới hạn {limit} cấp",
               "viết phẳng lại: tách thành vài danh sách ngắn, mỗi danh sách thụt lề tối đa {limit} cấp"),
    # Social posts
    "LOA500": (E,
               "bài đăng {channel} viết riêng trong mục social dài {length} ký tự, vượt giới hạn {limit}",
               "rút gọn phần social: {key} ở đầu bài; đường dẫn và hashtag Loa thêm vào cũng được tính"),
    "LOA501": (E,
               "bài đăng {channel} dài {length} ký tự dù đã bỏ tóm tắt và các ý chính, vượt giới hạn {limit}",
               "rút ngắn tiêu đề hoặc bớt hashtag; đường dẫn và hashtag luôn được giữ lại"),
    "LOA502": (W,
               "bài đăng {channel} không có đường dẫn kèm mã theo dõi: {url}",
               "dùng đúng đường dẫn trên, hoặc xóa đường dẫn trong mục social để Loa tự thêm"),
    "LOA503": (W,
               "bài đăng {channel} còn ký hiệu định dạng \"{symbol}\"; Facebook và Zalo sẽ hiện nguyên ký hiệu này",
               "bỏ ký hiệu này: bài đăng chỉ là chữ thường, không dùng Markdown hay HTML"),
    "LOA504": (W,
               "bài đăng {channel} có {count} hashtag, nhiều hơn {limit} hashtag kênh cho phép",
               "bớt hashtag trong phần social: {key} ở đầu bài"),
    "LOA505": (W,
               "câu đầu của tóm tắt kết thúc ở ký tự thứ {end} của bài đăng; điện thoại chỉ hiện "
               "khoảng {preview} ký tự đầu trước chữ \"Xem thêm\"",
               "rút gọn tiêu đề, hoặc đưa ý chính lên câu đầu tiên của summary"),
    # Site configuration
    "LOA900": (E, "cấu hình Loa trong mkdocs.yml: {detail}",
               "{hint}"),
    # Where a build writes (loa/build/target.py, lock.py, swap.py)
    "LOA901": (E, "thư mục đích \"{target}\" là thư mục dự án hoặc chứa nó; "
                  "dựng trang vào đó sẽ xóa cả dự án",
               "dựng vào một thư mục con riêng, ví dụ: loa build --site-dir site"),
    "LOA902": (E, "thư mục đích \"{target}\" là thư mục bài viết \"{content}\" hoặc chứa nó; "
                  "dựng trang vào đó sẽ xóa các bài viết",
               "dựng vào một thư mục con riêng, ví dụ: loa build --site-dir site"),
    "LOA903": (E, "thư mục đích \"{target}\" nằm trong thư mục bài viết \"{content}\"",
               "dựng trang ra ngoài thư mục bài viết, ví dụ: loa build --site-dir site"),
    "LOA904": (E, "\"{target}\" không phải là thư mục",
               "chọn một thư mục trống hoặc chưa có, ví dụ: loa build --site-dir site"),
    "LOA905": (E, "thư mục đích \"{target}\" đã có tệp nhưng không phải trang do Loa dựng; "
                  "Loa không ghi đè để khỏi mất tệp của bạn",
               "chọn một thư mục trống hoặc chưa có, ví dụ: loa build --site-dir site; "
               "nếu chắc thư mục này không còn cần, hãy tự xóa nó rồi dựng lại"),
    "LOA906": (E, "đang có một lần dựng trang khác ghi vào \"{target}\"",
               "chờ lần dựng kia xong rồi chạy lại, hoặc dùng: loa build --wait"),
    "LOA907": (E, "không tạo được thư mục tạm cạnh \"{target}\": {detail}",
               "kiểm tra quyền ghi và chỗ trống trên đĩa ở thư mục \"{parent}\""),
    "LOA908": (E, "không đặt được trang mới vào \"{target}\": {detail}; trang cũ vẫn giữ nguyên",
               "đóng các chương trình đang mở tệp trong thư mục này (cửa sổ thư mục, trình soạn thảo, "
               "máy chủ xem trước) rồi dựng lại"),
    "LOA909": (W, "trang mới đã ở \"{target}\" nhưng chưa xóa được trang cũ ở \"{old}\": {detail}",
               "lần dựng sau sẽ tự xóa lại; muốn xóa ngay thì tự xóa thư mục \"{old}\""),
}


def problem(code: str, path: str, line: int = 0, **params: object) -> Problem:
    """Build the Problem for `code`, filling its templates from `params`."""
    severity, message, hint = CATALOGUE[code]
    params.setdefault("path", path)
    return Problem(
        path=path,
        line=line,
        code=code,
        severity=severity,
        message=message.format(**params),
        # Hints hold commands to paste: a path with spaces must stay one word.
        hint=hint.format(**{**params, "path": shell_word(str(params["path"]))}),
    )


_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:")


def shell_word(text: str) -> str:
    """`text` as one word for a shell: double quotes, which bash, PowerShell
    and cmd.exe all read, and which keep Vietnamese letters readable."""
    if text and all(ch in _PLAIN for ch in text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`") + '"'


def format_problem(p: Problem) -> str:
    """One line per problem, `path:line: lỗi CODE: message`, then the hint.

    Problems about a whole file point at its first line, so every line has
    the same shape for editors and tools."""
    kind = "lỗi" if p.is_error else "cảnh báo"
    head = f"{p.path}:{max(p.line, 1)}: {kind} {p.code}: {p.message}"
    if not p.hint:
        return head
    hint = p.hint.replace("\n", "\n    ")
    return f"{head}\n  gợi ý: {hint}"


def as_dict(p: Problem) -> dict[str, object]:
    return {
        "path": p.path,
        "line": p.line,
        "code": p.code,
        "severity": p.severity.value,
        "message": p.message,
        "hint": p.hint,
    }
