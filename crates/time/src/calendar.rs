//! Proleptic Gregorian calendar arithmetic: days, weekdays, ISO weeks, Easter.

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

impl Date {
    /// The date, when `m` and `d` make a real day of year `y`.
    pub fn new(y: i32, m: u32, d: u32) -> Option<Self> {
        ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some(Self { y, m, d })
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Self {
        let (y, m, d) = attache_model::civil_from_days(days);
        Self { y: y as i32, m, d }
    }

    pub fn add_days(self, n: i64) -> Self {
        Self::from_days(self.days() + n)
    }

    /// ISO weekday: Monday = 1 ... Sunday = 7.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.days() + 3).rem_euclid(7) + 1) as u32
    }

    /// ISO 8601 week-numbering year and week.
    pub fn iso_week(self) -> (i32, u32) {
        let wd = i64::from(self.weekday());
        let thursday = self.add_days(4 - wd);
        let jan1 = Date { y: thursday.y, m: 1, d: 1 };
        let week = ((thursday.days() - jan1.days()) / 7 + 1) as u32;
        (thursday.y, week)
    }

    /// The Monday of ISO week `w` of year `y`.
    pub fn from_iso_week(y: i32, w: u32) -> Self {
        let jan4 = Date { y, m: 1, d: 4 };
        let monday1 = jan4.add_days(1 - i64::from(jan4.weekday()));
        monday1.add_days(7 * (i64::from(w) - 1))
    }

    /// The same day `n` months later (clamped to the month's end).
    pub fn add_months(self, n: i32) -> Self {
        let (y, m) = add_months(self.y, self.m, n);
        Self { y, m, d: self.d.min(days_in_month(y, m)) }
    }

    pub fn quarter(self) -> u32 {
        (self.m - 1) / 3 + 1
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// `(y, m)` moved by `n` months.
pub fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + n;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

/// `(y, q)` moved by `n` quarters.
pub fn add_quarters(y: i32, q: u32, n: i32) -> (i32, u32) {
    let idx = y * 4 + (q as i32 - 1) + n;
    (idx.div_euclid(4), (idx.rem_euclid(4) + 1) as u32)
}

/// ISO week `(y, w)` moved by `n` weeks.
pub fn add_weeks(y: i32, w: u32, n: i32) -> (i32, u32) {
    Date::from_iso_week(y, w).add_days(7 * i64::from(n)).iso_week()
}

/// Western Easter Sunday (anonymous Gregorian algorithm).
pub fn easter(y: i32) -> Date {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date { y, m: month as u32, d: day as u32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_weekdays() {
        let d = Date { y: 2021, m: 11, d: 17 };
        assert_eq!(Date::from_days(d.days()), d);
        assert_eq!(d.weekday(), 3);
        assert_eq!(Date { y: 1970, m: 1, d: 1 }.days(), 0);
        assert_eq!(Date { y: 2000, m: 2, d: 29 }.add_days(1), Date { y: 2000, m: 3, d: 1 });
    }

    #[test]
    fn iso_weeks() {
        assert_eq!(Date { y: 2022, m: 1, d: 19 }.iso_week(), (2022, 3));
        assert_eq!(Date { y: 2021, m: 1, d: 3 }.iso_week(), (2020, 53));
        assert_eq!(Date { y: 2024, m: 12, d: 30 }.iso_week(), (2025, 1));
        assert_eq!(Date::from_iso_week(2022, 3), Date { y: 2022, m: 1, d: 17 });
        assert_eq!(add_weeks(2022, 1, -1), (2021, 52));
    }

    #[test]
    fn easter_dates() {
        assert_eq!(easter(2024), Date { y: 2024, m: 3, d: 31 });
        assert_eq!(easter(2000), Date { y: 2000, m: 4, d: 23 });
    }
}
