#include <fmt/format.h>

#include <chrono>

#include "report/report.h"

namespace sigwarden::report {

std::string iso_date(std::int64_t t) {
  using namespace std::chrono;
  sys_days day = floor<days>(sys_seconds(seconds(t)));
  year_month_day ymd(day);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::optional<std::int64_t> parse_iso_date(const std::string& text) {
  using namespace std::chrono;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  int y = std::stoi(text.substr(0, 4));
  auto m = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
  auto d = static_cast<unsigned>(std::stoi(text.substr(8, 2)));
  year_month_day ymd{year(y), month(m), day(d)};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<std::int64_t>(sys_days(ymd).time_since_epoch().count()) * 86400;
}

int days_between(std::int64_t t, std::int64_t as_of) {
  if (t >= as_of) return 0;
  return static_cast<int>((as_of - t) / 86400);
}

}  // namespace sigwarden::report
