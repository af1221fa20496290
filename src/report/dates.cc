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

int days_between(std::int64_t t, std::int64_t as_of) {
  if (t >= as_of) return 0;
  return static_cast<int>((as_of - t) / 86400);
}

}  // namespace sigwarden::report
