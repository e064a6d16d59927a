namespace Hospital.Beds.Reporting;

public sealed record BedDay(string WardCode, DateOnly Date, bool Occupied, bool Blocked, int MinutesInCleaning);

public sealed record WardOccupancy(string WardCode, int BedDays, int OccupiedDays, int BlockedDays, long CleaningMinutes)
{
    public double OccupancyRate => BedDays == 0 ? 0 : (double)OccupiedDays / BedDays;
}

/// <summary>
/// Monthly occupancy report for the bed management office, computed over the
/// bed-day extract from the patient administration system.
/// </summary>
public sealed class MonthlyOccupancyReport
{
    private sealed class Tally
    {
        public int BedDays;
        public int Occupied;
        public int Blocked;
        public long CleaningMinutes;
    }

    public IReadOnlyList<WardOccupancy> Build(IReadOnlyList<BedDay> bedDays)
    {
        var totals = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var mergeLock = new object();

        Parallel.For(
            0,
            bedDays.Count,
            () => new Dictionary<string, Tally>(StringComparer.Ordinal),
            (i, _, local) =>
            {
                var day = bedDays[i];
                if (!local.TryGetValue(day.WardCode, out var tally))
                {
                    tally = new Tally();
                    local[day.WardCode] = tally;
                }

                tally.BedDays++;
                if (day.Occupied) tally.Occupied++;
                if (day.Blocked) tally.Blocked++;
                tally.CleaningMinutes += day.MinutesInCleaning;
                return local;
            },
            local =>
            {
                lock (mergeLock)
                {
                    foreach (var (ward, partial) in local)
                    {
                        if (!totals.TryGetValue(ward, out var total))
                        {
                            total = new Tally();
                            totals[ward] = total;
                        }

                        total.BedDays += partial.BedDays;
                        total.Occupied += partial.Occupied;
                        total.Blocked += partial.Blocked;
                        total.CleaningMinutes += partial.CleaningMinutes;
                    }
                }
            });

        return totals
            .Select(kv => new WardOccupancy(kv.Key, kv.Value.BedDays, kv.Value.Occupied, kv.Value.Blocked, kv.Value.CleaningMinutes))
            .OrderByDescending(w => w.OccupancyRate)
            .ToList();
    }
}
