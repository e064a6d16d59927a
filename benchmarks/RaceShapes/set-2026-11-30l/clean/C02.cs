using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Ledgerline.Payroll.Overtime
{
    public sealed record Timecard(string EmployeeId, string Site, decimal HourlyRate, decimal[] DailyHours);

    public sealed record OvertimeLine(string EmployeeId, decimal RegularPay, decimal OvertimePay);

    public sealed record SiteOvertime(string Site, IReadOnlyList<OvertimeLine> Lines, decimal OvertimeTotal);

    public sealed record OvertimeReport(IReadOnlyList<SiteOvertime> Sites, decimal CompanyOvertimeTotal);

    /// <summary>Applies daily and weekly overtime rules to one site's timecards.</summary>
    public sealed class SiteOvertimeCalculator
    {
        private readonly decimal _dailyThreshold;
        private readonly decimal _weeklyThreshold;
        private decimal _overtimeTotal;

        public SiteOvertimeCalculator(decimal dailyThreshold, decimal weeklyThreshold)
        {
            _dailyThreshold = dailyThreshold;
            _weeklyThreshold = weeklyThreshold;
        }

        public decimal OvertimeTotal => _overtimeTotal;

        public OvertimeLine Calculate(Timecard card)
        {
            decimal dailyOvertime = card.DailyHours.Sum(h => Math.Max(0, h - _dailyThreshold));
            decimal total = card.DailyHours.Sum();
            decimal weeklyOvertime = Math.Max(0, total - _weeklyThreshold - dailyOvertime);
            decimal overtimeHours = dailyOvertime + weeklyOvertime;
            decimal regular = (total - overtimeHours) * card.HourlyRate;
            decimal overtime = Math.Round(overtimeHours * card.HourlyRate * 1.5m, 2);
            _overtimeTotal += overtime;
            return new OvertimeLine(card.EmployeeId, Math.Round(regular, 2), overtime);
        }
    }

    public sealed class OvertimeBatch
    {
        private readonly decimal _dailyThreshold;
        private readonly decimal _weeklyThreshold;

        public OvertimeBatch(decimal dailyThreshold = 8m, decimal weeklyThreshold = 40m)
        {
            _dailyThreshold = dailyThreshold;
            _weeklyThreshold = weeklyThreshold;
        }

        public async Task<OvertimeReport> RunAsync(IEnumerable<Timecard> timecards, CancellationToken ct)
        {
            var siteTasks = timecards
                .GroupBy(t => t.Site)
                .Select(site => Task.Run(() =>
                {
                    var calculator = new SiteOvertimeCalculator(_dailyThreshold, _weeklyThreshold);
                    var lines = new List<OvertimeLine>();
                    foreach (var card in site)
                    {
                        ct.ThrowIfCancellationRequested();
                        lines.Add(calculator.Calculate(card));
                    }
                    return new SiteOvertime(site.Key, lines, calculator.OvertimeTotal);
                }, ct))
                .ToArray();

            SiteOvertime[] sites = await Task.WhenAll(siteTasks);

            decimal companyTotal = 0m;
            foreach (var site in sites)
                companyTotal += site.OvertimeTotal;

            return new OvertimeReport(sites.OrderBy(s => s.Site).ToList(), companyTotal);
        }
    }
}
