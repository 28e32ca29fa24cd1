"""Interface strings by language: the English text is the key, gettext style.

`tr("Overdue", "vi")` gives "Quá hạn"; a string missing from the catalogue falls back to
English (visible rather than blank) and is recorded, so a test can drive every screen in
Vietnamese and find what is missing.

Binding descriptions are read by Textual's footer when a class is defined, so they use
`ui_text`, which translates into the interface language set (by the command line, before
the interface is imported) with `set_interface_language`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGUAGES = ("vi", "en")

VI: dict[str, str] = {
    # Headline, status line, totals
    "assigned": "được giao",
    "Assigned": "Được giao",
    "Completed": "Hoàn thành",
    "completed": "hoàn thành",
    "On time": "Đúng hạn",
    "on time": "đúng hạn",
    "Overdue": "Quá hạn",
    "overdue": "quá hạn",
    "late": "trễ hạn",
    "completed late": "hoàn thành trễ hạn",
    "% of assigned": "% trên số được giao",
    "All agencies": "Tất cả cơ quan",
    "All tasks": "Tất cả nhiệm vụ",
    "as of": "số liệu đến",
    "(untitled feed)": "(nguồn số liệu không tên)",
    "STALE": "SỐ LIỆU CŨ",
    "NO FIGURES": "CHƯA CÓ SỐ LIỆU",
    "since": "từ",
    "refreshing…": "đang cập nhật…",
    "reading the feed…": "đang đọc số liệu…",
    "checking {size} of figures…": "đang kiểm tra {size} số liệu…",
    "receiving {size}…": "đang nhận {size}…",
    "paused": "tạm dừng",
    "live": "trực tuyến",
    "refreshed": "cập nhật",
    "loading…": "đang tải…",
    "findings": "vấn đề dữ liệu",
    "s ago": "giây trước",
    "min ago": "phút trước",
    "h ago": "giờ trước",
    "agencies": "cơ quan",
    "total": "tổng",
    "sorted by": "sắp xếp theo",
    "filter": "lọc",
    "showing": "hiển thị",
    "of": "trên",
    "tasks": "nhiệm vụ",
    # Groups
    "All": "Tất cả",
    "Ministries": "Bộ, cơ quan ngang bộ",
    "Branches": "Ngành",
    "Localities": "Địa phương",
    "Other": "Khác",
    # Sorts
    "overdue ↓": "quá hạn ↓",
    "% completed ↑": "% hoàn thành ↑",
    "assigned ↓": "được giao ↓",
    "completed ↓": "hoàn thành ↓",
    "on time ↓": "đúng hạn ↓",
    "completed late ↓": "hoàn thành trễ hạn ↓",
    "name A–Z": "tên A–Z",
    "most urgent first": "cấp bách nhất trước",
    "due date ↑": "thời hạn ↑",
    "id": "mã",
    "state": "trạng thái",
    "progress ↑": "tiến độ ↑",
    "agency A–Z": "cơ quan A–Z",
    "title A–Z": "tên nhiệm vụ A–Z",
    # Table columns
    "Agency": "Cơ quan",
    "% done": "% xong",
    "Done": "Xong",
    "Late": "Trễ hạn",
    "Id": "Mã",
    "Title": "Nhiệm vụ",
    "State": "Trạng thái",
    "Days": "Số ngày",
    "Due": "Thời hạn",
    "Progress": "Tiến độ",
    "Lead agency": "Cơ quan chủ trì",
    "Source": "Văn bản giao",
    "d late": "ngày trễ",
    "d left": "ngày còn lại",
    "ongoing": "thường xuyên",
    "Finding": "Vấn đề",
    "Where": "Vị trí",
    "What": "Nội dung",
    # Indicators
    "Indicators": "Chỉ tiêu",
    "Indicator": "Chỉ tiêu",
    "target": "mục tiêu",
    "met": "đạt",
    "near": "gần đạt",
    "off": "chưa đạt",
    "This feed has no indicators.": "Nguồn số liệu không có chỉ tiêu.",
    # Task detail
    "Co-agencies": "Cơ quan phối hợp",
    "Group": "Nhóm",
    "Key task": "Nhiệm vụ trọng tâm",
    "Assigned on": "Ngày giao",
    "Completed on": "Ngày hoàn thành",
    "Status given": "Trạng thái báo cáo",
    "Notes": "Ghi chú",
    "yes": "có",
    "no": "không",
    "until": "đến hết",
    "ongoing (no deadline)": "thường xuyên (không có thời hạn)",
    "This task is no longer in the feed; shown as last seen.": (
        "Nhiệm vụ này không còn trong nguồn số liệu; hiển thị theo lần xem cuối."
    ),
    # Findings
    "data-quality findings": "vấn đề chất lượng dữ liệu",
    "records set aside or questioned; the figures count the rest.": (
        "bản ghi bị loại ra hoặc cần xem lại; số liệu tính trên phần còn lại."
    ),
    "No data-quality findings: every record of the feed was taken.": (
        "Không có vấn đề chất lượng dữ liệu: mọi bản ghi đều được tiếp nhận."
    ),
    "Data-quality findings": "Vấn đề chất lượng dữ liệu",
    # Filters, help, palette
    "Filter agencies: name, former name or id": "Lọc cơ quan: tên, tên cũ hoặc mã",
    "Filter tasks: title, id, agency or source": "Lọc nhiệm vụ: tên, mã, cơ quan hoặc văn bản giao",
    "Keys on this screen": "Các phím trên màn hình này",
    "ctrl+p opens the command palette. Escape closes this.": ("ctrl+p mở bảng lệnh. Esc để đóng."),
    "Go to agency": "Đến cơ quan",
    "Open the agency's tasks": "Mở các nhiệm vụ của cơ quan",
    # Bindings (ours, and the moves of Textual's tables shown in the help)
    "Quit": "Thoát",
    "Refresh": "Cập nhật",
    "Pause": "Tạm dừng",
    "Keys": "Phím",
    "Screenshot": "Chụp màn hình",
    "Next theme": "Đổi giao diện",
    "Back": "Quay lại",
    "Export": "Xuất bảng",
    "Export as…": "Xuất dạng…",
    "Clear filter": "Bỏ lọc",
    "Filter": "Lọc",
    "Sort": "Sắp xếp",
    "Next group": "Nhóm sau",
    "Prev group": "Nhóm trước",
    "Group tasks": "Nhiệm vụ của nhóm",
    "Findings": "Vấn đề dữ liệu",
    "Panel": "Chuyển bảng",
    "Close": "Đóng",
    "Open": "Mở",
    "Down": "Xuống",
    "Up": "Lên",
    "Cancel": "Huỷ",
    "Cursor up": "Lên",
    "Cursor down": "Xuống",
    "Page up": "Trang trước",
    "Page down": "Trang sau",
    "Page Up": "Trang trước",
    "Page Down": "Trang sau",
    "Top": "Đầu bảng",
    "Bottom": "Cuối bảng",
    # Presentation mode
    "Present": "Trình chiếu",
    "Leave presentation": "Thoát trình chiếu",
    "Previous slide": "Trang chiếu trước",
    "Next slide": "Trang chiếu sau",
    "Resume cycle": "Tiếp tục tự chuyển",
    "most overdue": "quá hạn nhiều nhất",
    "cycle stopped — ←/→ slides, space resumes, Esc leaves": (
        "đã dừng tự chuyển — ←/→ chuyển trang, phím cách để tiếp tục, Esc để thoát"
    ),
    # Notifications
    "Feed not updated": "Không cập nhật được số liệu",
    "The feed is back.": "Nguồn số liệu đã hoạt động trở lại.",
    "Recovered": "Đã khôi phục",
    "Live refresh paused; p resumes.": "Đã tạm dừng tự động cập nhật; nhấn p để tiếp tục.",
    "Internal error while refreshing": "Lỗi nội bộ khi cập nhật",
    "Theme files skipped": "Bỏ qua tệp giao diện bị lỗi",
    "Theme": "Giao diện",
    "No figures to export yet.": "Chưa có số liệu để xuất.",
    "Exported": "Đã xuất",
    "Export failed": "Không xuất được",
    "Screenshot failed": "Không chụp được màn hình",
    "Read-only: exports are off in this dashboard": (
        "Chỉ xem: không xuất tệp từ bảng điều khiển này"
    ),
    # Export dialog and formats
    "This view": "Bảng đang xem",
    "Every table (agencies, tasks, indicators, findings)": (
        "Mọi bảng (cơ quan, nhiệm vụ, chỉ tiêu, vấn đề dữ liệu)"
    ),
    "Folder": "Thư mục",
    "Excel workbook (XLSX)": "Bảng tính Excel (XLSX)",
    "CSV, one file per table": "CSV, mỗi bảng một tệp",
    "Markdown for the minutes": "Markdown để dán vào biên bản",
    "Printable web page (HTML)": "Trang web để in (HTML)",
    "JSON snapshot (a loadable feed)": "Bản lưu JSON (nạp lại được)",
    # Export tables and title block
    "Kind": "Loại",
    "of which late": "trong đó trễ hạn",
    "% completed": "% hoàn thành",
    "Total": "Tổng cộng",
    "Lead agency id": "Mã cơ quan chủ trì",
    "Deadline": "Hạn cuối",
    "Days overdue": "Số ngày quá hạn",
    "Days left": "Số ngày còn lại",
    "Progress %": "Tiến độ %",
    "Value": "Giá trị",
    "Unit": "Đơn vị",
    "Period": "Kỳ",
    "Target": "Mục tiêu",
    "Better when": "Tốt hơn khi",
    "higher": "cao hơn",
    "lower": "thấp hơn",
    "Against target": "So với mục tiêu",
    "green": "đạt",
    "amber": "gần đạt",
    "red": "chưa đạt",
    "Change": "Thay đổi",
    "Previous period": "Kỳ trước",
    "Feed": "Nguồn số liệu",
    "As of": "Số liệu đến",
    "Feed source": "Địa chỉ nguồn",
    "Generated": "Thời điểm xuất",
    "Feed as of": "Số liệu đến",
}

VI.update(
    {
        # Source failures (the stale reason in the status line)
        "{where}: {what}": "{where}: {what}",
        "file not found": "không tìm thấy tệp",
        "is a folder, not a feed file": "là thư mục, không phải tệp số liệu",
        "permission denied: cannot read the file": "không có quyền đọc tệp",
        "{where}: cannot read the file ({reason})": "{where}: không đọc được tệp ({reason})",
        "the file changed while it was read; it will be read again": (
            "tệp thay đổi trong lúc đọc; sẽ đọc lại"
        ),
        "not valid gzip (truncated or corrupt)": "tệp gzip không hợp lệ (bị cắt hoặc hỏng)",
        "{where}: more than {count} redirects": "{where}: chuyển hướng quá {count} lần",
        "{where}: no complete answer within {seconds} s": (
            "{where}: không nhận đủ dữ liệu trong {seconds} giây"
        ),
        "{where}: HTTP {status} {phrase}: {reason}": "{where}: HTTP {status} {phrase}: {reason}",
        "{where}: HTTP {status}: expected 200 with the feed": (
            "{where}: HTTP {status}: cần mã 200 kèm số liệu"
        ),
        "{where}: the server sent a web page ({type}), not a feed: a login page or a proxy "
        "error?": (
            "{where}: máy chủ trả về một trang web ({type}), không phải số liệu: "
            "trang đăng nhập hay lỗi proxy?"
        ),
        "{where}: unsupported Content-Encoding {encoding}": (
            "{where}: không hỗ trợ Content-Encoding {encoding}"
        ),
        "{where}: the compressed answer is corrupt (bad gzip)": (
            "{where}: dữ liệu nén bị hỏng (gzip lỗi)"
        ),
        "{where}: the compressed answer is cut short (bad gzip)": (
            "{where}: dữ liệu nén bị cắt (gzip lỗi)"
        ),
        "{where}: HTTP {status} redirect without a location": (
            "{where}: HTTP {status} chuyển hướng nhưng không có địa chỉ"
        ),
        "{where}: redirected to {target}; only redirects to https on the same host are followed": (
            "{where}: bị chuyển hướng tới {target}; chỉ theo chuyển hướng https trên cùng máy chủ"
        ),
        "connection refused: is the server running?": (
            "bị từ chối kết nối: máy chủ có đang chạy không?"
        ),
        "the host name could not be resolved": "không phân giải được tên máy chủ",
        "no answer in time": "không có phản hồi kịp thời",
        "cannot connect": "không kết nối được",
        "the server broke off the answer": "máy chủ ngắt giữa chừng",
        "the connection failed while reading the answer": "kết nối lỗi khi đang nhận dữ liệu",
        "not an http:// or https:// address": "không phải địa chỉ http:// hoặc https://",
        "handshake failed": "bắt tay TLS thất bại",
        "{where}: TLS failed: {reason}": "{where}: lỗi TLS: {reason}",
        "{where}: request failed ({name})": "{where}: yêu cầu thất bại ({name})",
        "the certificate is self-signed and not trusted (http.ca_bundle?)": (
            "chứng thư tự ký, không được tin cậy (http.ca_bundle?)"
        ),
        "the certificate has expired": "chứng thư đã hết hạn",
        "the certificate is for another host": "chứng thư cấp cho máy chủ khác",
        "the certificate's issuer is not trusted (http.ca_bundle?)": (
            "nơi cấp chứng thư không được tin cậy (http.ca_bundle?)"
        ),
        "the certificate is not trusted": "chứng thư không được tin cậy",
        "the server wants credentials: check [http.headers] and their environment variables": (
            "máy chủ cần thông tin xác thực: kiểm tra [http.headers] và các biến môi trường"
        ),
        "the server refused these credentials": "máy chủ từ chối thông tin xác thực này",
        "there is no feed at this address": "không có số liệu tại địa chỉ này",
        "the server timed out waiting for the request": "máy chủ hết thời gian chờ yêu cầu",
        "too many requests: the server asks to slow down": (
            "quá nhiều yêu cầu: máy chủ đề nghị giảm tần suất"
        ),
        "the server failed; it will be asked again": "máy chủ gặp lỗi; sẽ thử lại",
        "a gateway in front of the server failed; it will be asked again": (
            "cổng trung gian trước máy chủ gặp lỗi; sẽ thử lại"
        ),
        "the server is unavailable for now; it will be asked again": (
            "máy chủ tạm thời không phục vụ; sẽ thử lại"
        ),
        "a gateway timed out; it will be asked again": (
            "cổng trung gian hết thời gian chờ; sẽ thử lại"
        ),
        "the server refused the request": "máy chủ từ chối yêu cầu",
    }
)

VI.update(
    {
        "{text}": "{text}",  # message.plain: the same in every language
        # Feed refusals (the whole feed is refused)
        "document": "tài liệu",
        "byte {offset}": "byte {offset}",
        "character {offset}": "ký tự {offset}",
        "not UTF-8 text (a lone surrogate)": "không phải văn bản UTF-8 (ký tự surrogate lẻ)",
        "object": "object",
        "array": "mảng (array)",
        "string": "chuỗi (string)",
        "boolean": "giá trị logic (boolean)",
        "null": "null",
        "number": "số (number)",
        "line {line}, column {column}": "dòng {line}, cột {column}",
        "not UTF-8 text (byte 0x{value})": "không phải văn bản UTF-8 (byte 0x{value})",
        "empty: no JSON at all": "rỗng: không có nội dung JSON",
        "not JSON: {what}": "không phải JSON: {what}",
        "nested too deeply to be a feed": "lồng nhau quá sâu, không thể là nguồn số liệu",
        "a JSON {type}, not an object: not an r57 feed": (
            "là {type} JSON, không phải object: không phải nguồn số liệu r57"
        ),
        "missing: {why}": "thiếu: {why}",
        "missing: a feed must list its tasks (an empty list is fine)": (
            "thiếu: nguồn số liệu phải liệt kê các nhiệm vụ (danh sách rỗng cũng được)"
        ),
        'a feed says "format": "{format}"': 'nguồn số liệu phải ghi "format": "{format}"',
        'a feed says "version": {version}': 'nguồn số liệu phải ghi "version": {version}',
        "the moment the figures describe is required (overdue is judged against it)": (
            "bắt buộc ghi thời điểm của số liệu (quá hạn được tính theo thời điểm này)"
        ),
        "is {value}, not {format}: not an r57 feed": (
            "là {value}, không phải {format}: không phải nguồn số liệu r57"
        ),
        "must be a whole number, not {value}": "phải là số nguyên, không phải {value}",
        "{version} is newer than this r57tui reads ({known}): update r57tui": (
            "phiên bản {version} mới hơn phiên bản r57tui này đọc được ({known}): "
            "hãy cập nhật r57tui"
        ),
        "{version} is not a version of the r57 feed (it starts at 1)": (
            "{version} không phải phiên bản của nguồn số liệu r57 (bắt đầu từ 1)"
        ),
        "must be an ISO 8601 date or date-time, not {value}": (
            "phải là ngày hoặc ngày giờ theo ISO 8601, không phải {value}"
        ),
        "{value} is not an ISO 8601 date or date-time": (
            "{value} không phải ngày hoặc ngày giờ theo ISO 8601"
        ),
        "must be a list, not a JSON {type}": "phải là danh sách, không phải {type} JSON",
        # Data-quality findings: their codes (shown as they are in English) …
        "invalid": "không hợp lệ",
        "duplicate": "trùng mã",
        "unknown-agency": "cơ quan lạ",
        "contradiction": "mâu thuẫn",
        "reference": "tham chiếu sai",
        "as-of": "thời điểm số liệu",
        # … and what they say
        "set aside: {reasons}": "bị loại ra: {reasons}",
        "{path}: {what}": "{path}: {what}",
        "{what} (got {value})": "{what} (giá trị: {value})",
        "due: {what}": "due: {what}",
        "the id appears earlier; the first is kept, this one set aside": (
            "mã đã xuất hiện trước đó; giữ bản ghi đầu tiên, loại bản ghi này"
        ),
        "1 task names it": "1 nhiệm vụ ghi cơ quan này",
        "{count} tasks name it": "{count} nhiệm vụ ghi cơ quan này",
        "agency {id} is not among the agencies ({named}); created it, kind other, so its "
        "tasks are counted": (
            "cơ quan {id} không có trong danh sách cơ quan ({named}); đã tạo cơ quan này, "
            "loại khác, để các nhiệm vụ của nó vẫn được tính"
        ),
        "parent {id} is not among the agencies": (
            "cơ quan cấp trên {id} không có trong danh sách cơ quan"
        ),
        "agency {id} is not among the agencies": "cơ quan {id} không có trong danh sách cơ quan",
        "co-agency {id} is not among the agencies": (
            "cơ quan phối hợp {id} không có trong danh sách cơ quan"
        ),
        "has no UTC offset; read as the feed's local time": (
            "không ghi múi giờ UTC; hiểu theo giờ địa phương của nguồn số liệu"
        ),
        "completed {completed} is after as_of {as_of}": (
            "ngày hoàn thành {completed} sau thời điểm số liệu {as_of}"
        ),
        "status {given} counted as given, but the dates say {derived}": (
            "trạng thái {given} được tính như báo cáo, nhưng theo các mốc ngày là {derived}"
        ),
        "{value} is not a date (YYYY-MM-DD), a month (YYYY-MM) or a quarter (YYYY-Qn)": (
            "{value} không phải ngày (YYYY-MM-DD), tháng (YYYY-MM) hay quý (YYYY-Qn)"
        ),
        "month {month} is not 01-12": "tháng {month} không nằm trong 01-12",
        "year must be at least 0001": "năm phải từ 0001 trở đi",
        "{value} is not a real date ({reason})": "{value} không phải ngày có thật ({reason})",
        # Pydantic's errors, by type (i18n/validation.py)
        "required": "bắt buộc phải có",
        "must be text": "phải là chuỗi văn bản",
        "must not be empty": "không được để trống",
        "must be a whole number": "phải là số nguyên",
        "must be true or false": "phải là true hoặc false",
        "must be a number": "phải là số",
        "must be a finite number": "phải là số hữu hạn",
        "must be at least {ge}": "phải lớn hơn hoặc bằng {ge}",
        "must be more than {gt}": "phải lớn hơn {gt}",
        "must be at most {le}": "phải nhỏ hơn hoặc bằng {le}",
        "must be less than {lt}": "phải nhỏ hơn {lt}",
        "must be at least {min_length} characters": "phải có ít nhất {min_length} ký tự",
        "must be at most {max_length} characters": "không được quá {max_length} ký tự",
        "must be a date (YYYY-MM-DD)": "phải là ngày (YYYY-MM-DD)",
        "must be one of {expected}": "phải là một trong các giá trị {expected}",
        "must be a list": "phải là danh sách",
        "must be an object": "phải là object",
        "must be a path": "phải là đường dẫn",
        # Config and command-line errors
        "settings": "cấu hình",
        "{where}: config file not found": "{where}: không tìm thấy tệp cấu hình",
        "{where}: not valid TOML: {reason}": "{where}: không phải TOML hợp lệ: {reason}",
        "{where}: cannot be read ({reason})": "{where}: không đọc được ({reason})",
        "{where}: not UTF-8 text (byte {offset})": (
            "{where}: không phải văn bản UTF-8 (byte {offset})"
        ),
        "{where}: unknown key {key}": "{where}: khoá không hợp lệ {key}",
        "{where}: unknown key {key} (did you mean {guess}?)": (
            "{where}: khoá không hợp lệ {key} (có phải ý bạn là {guess}?)"
        ),
        "{what} (and {count} more)": "{what} (và {count} lỗi khác)",
        "{what}: environment variable {name} is not set": "{what}: chưa đặt biến môi trường {name}",
        "{where}: no binding {names}; binding ids are {ids}": (
            "{where}: không có phím lệnh {names}; các mã phím lệnh là {ids}"
        ),
        "{what}: no theme {name}; themes: {names}": (
            "{what}: không có giao diện {name}; các giao diện: {names}"
        ),
        "{flag}: {value} is not one of {choices}": "{flag}: {value} không thuộc {choices}",
        "--agency: no agency {id} in the feed": "--agency: không có cơ quan {id} trong số liệu",
        "--sort: {sort} does not sort {table}; one of {ids}": (
            "--sort: {sort} không dùng để sắp xếp bảng {table}; chọn một trong {ids}"
        ),
        "--delimiter: one character, not {value}": "--delimiter: một ký tự, không phải {value}",
        # r57tui serve
        "cannot listen on {address}: {reason}": "không mở được {address} để phục vụ: {reason}",
        "--port: {port} is not a port number (1-65535)": (
            "--port: {port} không phải số cổng (1-65535)"
        ),
        "--host {host} means every address: give this machine's address on the meeting "
        "network, or --public-url": (
            "--host {host} là mọi địa chỉ: hãy cho địa chỉ của máy này trên mạng cuộc họp, "
            "hoặc dùng --public-url"
        ),
        "Serving the dashboard, read-only, at {url} (each browser gets its own). Ctrl+C stops.": (
            "Đang phục vụ bảng điều khiển (chỉ xem) tại {url} (mỗi trình duyệt một phiên "
            "riêng). Ctrl+C để dừng."
        ),
        "Serving the dashboard, exports on, at {url} (each browser gets its own; files "
        "are written on this machine). Ctrl+C stops.": (
            "Đang phục vụ bảng điều khiển (cho phép xuất tệp) tại {url} (mỗi trình duyệt "
            "một phiên riêng; tệp được ghi trên máy này). Ctrl+C để dừng."
        ),
        "warning: anyone who can reach {address} sees the dashboard": (
            "cảnh báo: bất kỳ ai truy cập được {address} đều xem được bảng điều khiển"
        ),
        # Export errors
        "{folder}: no free name for {name}": "{folder}: không còn tên trống cho {name}",
        "cannot write to {folder}: {reason}": "không ghi được vào {folder}: {reason}",
        # r57tui check
        "of assigned": "trên số được giao",
        "indicators": "chỉ tiêu",
        "bytes": "byte",
        "By kind": "Theo loại",
        "Party bodies": "Cơ quan Đảng",
        "%": "%",
        "{count} of them late": "{count} trễ hạn",
        "Due within {days} days: {count} open tasks": (
            "Đến hạn trong {days} ngày tới: {count} nhiệm vụ chưa hoàn thành"
        ),
        "{count} data-quality findings:": "{count} vấn đề chất lượng dữ liệu:",
        "No data-quality findings.": "Không có vấn đề chất lượng dữ liệu.",
    }
)

# Since the last meeting (baseline) and due soon
VI.update(
    {
        "Changes": "Thay đổi",
        "Baseline": "Mốc so sánh",
        "Baseline not used": "Không dùng được mốc so sánh",
        "Comparing with the baseline": "Đang so sánh với mốc",
        "Since": "Từ",
        "c: the tasks that changed": "c: các nhiệm vụ đã thay đổi",
        "± Done": "± Xong",
        "± Overdue": "± Quá hạn",
        "All changes": "Mọi thay đổi",
        "Newly completed": "Mới hoàn thành",
        "Newly overdue": "Mới quá hạn",
        "New": "Mới giao",
        "Removed": "Đã bỏ",
        "Other change": "Thay đổi khác",
        "newly completed": "mới hoàn thành",
        "newly overdue": "mới quá hạn",
        "new": "mới giao",
        "removed": "đã bỏ",
        "other change": "thay đổi khác",
        "Was": "Trước",
        "Now": "Nay",
        "Changes since the baseline": "Thay đổi so với mốc",
        "Compared with": "So sánh với",
        "No baseline: start with --baseline FILE, or press B to pick one.": (
            "Chưa có mốc so sánh: chạy với --baseline TỆP, hoặc nhấn B để chọn."
        ),
        "Removed since the baseline: not in today's feed.": (
            "Đã bỏ so với mốc: không còn trong số liệu hôm nay."
        ),
        "Stop comparing": "Thôi so sánh",
        "Compare with an earlier snapshot (since the last meeting)": (
            "So sánh với một bản chụp trước (từ cuộc họp trước)"
        ),
        "No JSON snapshots here yet: export one with E (JSON snapshot).": (
            "Chưa có bản chụp JSON nào ở đây: xuất bằng E (bản chụp JSON)."
        ),
        "baseline {file}: {what}": "mốc so sánh {file}: {what}",
        "--table changes: needs --baseline FILE (the earlier feed to compare)": (
            "--table changes: cần --baseline TỆP (số liệu kỳ trước để so sánh)"
        ),
        "Due soon": "Sắp đến hạn",
        "due soon": "sắp đến hạn",
        "Due within": "Đến hạn trong",
        "days": "ngày",
        "open tasks": "nhiệm vụ chưa hoàn thành",
        "Next due": "Hạn gần nhất",
        "Tasks": "Nhiệm vụ",
        "today": "hôm nay",
        # Exports: files named only when complete, all or none, cells shortened to fit
        "cannot write to {folder}: {reason}; none of the {count} files was written": (
            "không ghi được vào {folder}: {reason}; không tệp nào trong {count} tệp được ghi"
        ),
        "cannot write to {folder}: {reason}; written, and could not be removed: {files}": (
            "không ghi được vào {folder}: {reason}; đã ghi nhưng không xóa được: {files}"
        ),
        "… [shortened: {count} characters]": "… [đã rút gọn: {count} ký tự]",
        ", and {count} more": " và {count} ô khác",
        "1 cell shortened to {limit} characters ({format} limit): {cells}": (
            "1 ô đã được rút gọn còn {limit} ký tự (giới hạn của {format}): {cells}"
        ),
        "{count} cells shortened to {limit} characters ({format} limit): {cells}": (
            "{count} ô đã được rút gọn còn {limit} ký tự (giới hạn của {format}): {cells}"
        ),
        "XLSX: the {table} sheet would need {rows} rows and a sheet holds at most {limit};"
        " export it as CSV, or filter it": (
            "XLSX: trang {table} cần {rows} dòng, mà một trang chứa tối đa {limit} dòng;"
            " hãy xuất ra CSV, hoặc lọc bớt"
        ),
        "The JSON snapshot keeps the whole text of every cell.": (
            "Bản chụp JSON giữ nguyên toàn văn mọi ô."
        ),
        "Cell": "Ô",
        "Column": "Cột",
        "Characters": "Số ký tự",
        "Exported, shortened": "Đã xuất, có rút gọn",
        "no space left on the disk": "ổ đĩa đã hết chỗ trống",
        "the disk quota is used up": "đã dùng hết hạn mức ổ đĩa",
        "file too large for this disk or account": "tệp quá lớn với ổ đĩa hoặc tài khoản này",
        "permission denied": "không có quyền ghi",
        "not permitted": "không được phép",
        "the disk is read-only": "ổ đĩa chỉ cho đọc",
        "not a folder": "không phải thư mục",
    }
)

# r57tui serve: who may open a dashboard, how many at once (issue 16, the serve door)
VI.update(
    {
        "Start": "Bắt đầu",
        "Try again": "Thử lại",
        "The session has ended.": "Phiên xem đã kết thúc.",
        "Open again": "Mở lại",
        "The dashboard is full (at most {count} viewers at once). Try again in a moment, "
        "or ask the secretariat.": (
            "Bảng điều khiển đã đủ người xem (tối đa {count} người xem cùng lúc). Vui lòng "
            "thử lại sau ít phút hoặc liên hệ Tổ thư ký."
        ),
        "refused a connection without an Origin header": (
            "đã từ chối một kết nối không có tiêu đề Origin"
        ),
        "refused a connection from {origin}: not this dashboard's page": (
            "đã từ chối kết nối từ {origin}: không phải trang của bảng điều khiển này"
        ),
        "turned a browser away: the dashboard is full (max_sessions = {count})": (
            "đã từ chối một trình duyệt: bảng điều khiển đã đủ người xem (max_sessions = {count})"
        ),
        "--max-sessions: {value} is not between 1 and {most}": (
            "--max-sessions: {value} không nằm trong khoảng từ 1 đến {most}"
        ),
    }
)

# Live behaviour (issue 16): a source that goes back in time
VI.update(
    {
        "{where} went back to {to}; the figures as of {kept} stay on screen": (
            "{where} lùi về số liệu đến {to}; màn hình vẫn giữ số liệu đến {kept}"
        ),
        "went back to {to}": "lùi về {to}",
    }
)

# Process and terminal (issue 16): the dashboard without a terminal
VI.update(
    {
        "the dashboard needs a terminal, and {stream} is not one; without a screen, "
        "use r57tui check FEED or r57tui export": (
            "bảng điều khiển cần chạy trong một terminal (cửa sổ dòng lệnh), nhưng "
            "{stream} không phải là terminal; khi không có màn hình, hãy dùng "
            "r57tui check TỆP hoặc r57tui export"
        ),
        "standard input": "đầu vào chuẩn",
        "standard output": "đầu ra chuẩn",
        "standard error": "đầu ra lỗi chuẩn",
    }
)

# Ctrl+C pressed from habit (issue 16)
VI.update(
    {
        "Press {key} to quit": "Nhấn {key} để thoát",
        "Do you want to quit?": "Bạn muốn thoát?",
    }
)

# Issue 16, keys written twice in one JSON object
VI.update(
    {
        "the key {key} is written twice": "khóa {key} bị ghi hai lần",
        "set aside: {what} ({where})": "bị loại ra: {what} ({where})",
        "duplicate-key": "trùng khóa",
    }
)

# Addresses, headers and TLS (issue 16)
VI.update(
    {
        # Addresses, headers and TLS: refused when the config is read or the source opened
        "the address has a space or line break before or after it": (
            "địa chỉ có dấu cách hoặc ký tự xuống dòng ở đầu hoặc cuối"
        ),
        "the address holds a line break or another control character": (
            "địa chỉ chứa ký tự xuống dòng hoặc ký tự điều khiển khác"
        ),
        "only http:// and https:// addresses are read; {scheme} is not": (
            "chỉ đọc được địa chỉ http:// và https://, không đọc được {scheme}"
        ),
        "the address must start with http:// or https:// and then the host": (
            "địa chỉ phải bắt đầu bằng http:// hoặc https:// rồi đến tên máy chủ"
        ),
        "no host name after {scheme}://": "thiếu tên máy chủ sau {scheme}://",
        "the host {host} has more than one ':': an IPv6 address goes in brackets, as [::1]": (
            "máy chủ {host} có nhiều dấu ':': địa chỉ IPv6 phải đặt trong ngoặc vuông, ví dụ [::1]"
        ),
        "the [ of an IPv6 address is not closed with ]": (
            "địa chỉ IPv6 mở bằng dấu [ nhưng thiếu dấu ] đóng lại"
        ),
        "{host} is not an IPv6 address": "{host} không phải địa chỉ IPv6",
        "{host} is not a valid host name": "{host} không phải tên máy chủ hợp lệ",
        "the host name {host} has a space in it": "tên máy chủ {host} có dấu cách",
        "port {port} is not a number": "cổng {port} không phải là số",
        "port {port} is out of range (1–65535)": "cổng {port} nằm ngoài khoảng cho phép (1–65535)",
        "the address is not valid": "địa chỉ không hợp lệ",
        "{where}: environment variable {name} {problem}": (
            "{where}: biến môi trường {name} {problem}"
        ),
        "{where}: the value {problem}": "{where}: giá trị {problem}",
        "holds a line break (CR or LF)": "chứa ký tự xuống dòng (CR hoặc LF)",
        "holds characters that are not ASCII": "chứa ký tự ngoài bảng mã ASCII",
        "holds a control character": "chứa ký tự điều khiển",
        "is empty": "đang để trống",
        "starts or ends with a space or tab": "có dấu cách hoặc tab ở đầu hoặc cuối",
        "{where}: {name} is not a valid header name (use letters, digits and -)": (
            "{where}: {name} không phải tên header hợp lệ (chỉ dùng chữ cái, chữ số và dấu -)"
        ),
        "{path} is a folder, not a PEM file": "{path} là thư mục, không phải tệp PEM",
        "{path}: file not found": "{path}: không tìm thấy tệp",
        "{path} cannot be read ({reason})": "không đọc được {path} ({reason})",
        "{path} is empty: it holds no PEM certificate": (
            "{path} là tệp rỗng: không có chứng thư PEM nào"
        ),
        "{path} holds no PEM certificate (a DER file, or a key?)": (
            "{path} không chứa chứng thư PEM nào (tệp DER, hay khoá riêng?)"
        ),
        "{path} holds a PEM certificate that is cut short or corrupt": (
            "{path} chứa chứng thư PEM bị cắt cụt hoặc hỏng"
        ),
    }
)

# Things that are not feed files, and the one size cap (sources/feed_file.py, config.py)
VI.update(
    {
        "is a named pipe (FIFO), not a feed file": (
            "là đường ống có tên (FIFO), không phải tệp số liệu"
        ),
        "is a device, not a feed file": "là thiết bị, không phải tệp số liệu",
        "is a socket, not a feed file": "là socket, không phải tệp số liệu",
        "is not a regular file, not a feed file": (
            "không phải tệp thông thường, không phải tệp số liệu"
        ),
        "cannot read the file ({reason})": "không đọc được tệp ({reason})",
        "the file changed while it was read; try again": (
            "tệp thay đổi trong lúc đọc; hãy thử lại"
        ),
        "the feed is larger than the cap of {size} ({key})": (
            "số liệu lớn hơn giới hạn {size} ({key})"
        ),
        "the feed is larger than the cap of {size} once decompressed ({key})": (
            "số liệu sau khi giải nén lớn hơn giới hạn {size} ({key})"
        ),
        "{where}: max_bytes and http.max_bytes give two different caps ({one} and {two}): "
        "keep max_bytes, the cap for every source": (
            "{where}: max_bytes và http.max_bytes đặt hai giới hạn khác nhau ({one} và {two}): "
            "chỉ giữ max_bytes, giới hạn chung cho mọi nguồn"
        ),
    }
)

# Big text (issue 16)
VI.update(
    {
        # Big text (issue 16): a long note or title shown in part, and read whole with v.
        "Read all": "Đọc toàn văn",
        "… {count} more characters — press {key} to read it all": (
            "… còn {count} ký tự nữa — nhấn {key} để đọc toàn văn"
        ),
        "… {count} more notes — press {key} to read them all": (
            "… còn {count} ghi chú nữa — nhấn {key} để đọc tất cả"
        ),
        "… {count} more agencies — press {key} to read them all": (
            "… còn {count} cơ quan nữa — nhấn {key} để xem tất cả"
        ),
        "Preparing the text…": "Đang chuẩn bị văn bản…",
    }
)

# Issue 17, the first run: the demo feed written out, and check grouped as the dashboard
VI.update(
    {
        "Wrote the demo feed to {path}": "Đã ghi nguồn số liệu mẫu vào {path}",
        "{path} already exists: the demo feed is never written over a file": (
            "{path} đã tồn tại: nguồn số liệu mẫu không bao giờ được ghi đè lên tệp có sẵn"
        ),
        "cannot write {path}: {reason}": "không ghi được {path}: {reason}",
        "By group": "Theo nhóm",
    }
)

_CATALOGUES: dict[str, Mapping[str, str]] = {"vi": VI}
_missing: set[tuple[str, str]] = set()
_interface_language = "en"


class Phrase(str):
    """A fixed phrase inside a message, translated when the message is shown."""

    __slots__ = ()


def tr(text: str, language: str) -> str:
    catalogue = _CATALOGUES.get(language)
    if catalogue is None or not text:
        return text
    found = catalogue.get(text)
    if found is None:
        _missing.add((language, text))
        return text
    return found


def missing() -> set[tuple[str, str]]:
    """(language, English text) of every string asked for and not in its catalogue."""
    return set(_missing)


def set_interface_language(language: str) -> None:
    global _interface_language  # noqa: PLW0603 - one process, one interface language
    _interface_language = language if language in LANGUAGES else "en"


def interface_language() -> str:
    return _interface_language


def ui_text(text: str) -> str:
    """`text` in the interface language, for strings fixed when a class is defined."""
    return tr(text, _interface_language)


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """Vietnamese when the locale is Vietnamese (LC_ALL, LC_MESSAGES or LANG), else English."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"
