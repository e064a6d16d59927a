namespace Volunteering.Shifts;

public sealed record SignUp(string VolunteerId, string Region, int ShiftIndex);

/// <summary>
/// Balances volunteer cover across regions for a festival weekend. One coordinator thread
/// per region counts its own sign-ups, then, once every region has counted, works out how
/// many volunteers it can lend to short-staffed shifts elsewhere.
/// </summary>
public sealed class RegionalCoverPlanner
{
    private readonly IReadOnlyList<string> _regions;
    private readonly int _shiftCount;
    private readonly int _targetPerShift;

    public RegionalCoverPlanner(IReadOnlyList<string> regions, int shiftCount, int targetPerShift)
    {
        _regions = regions;
        _shiftCount = shiftCount;
        _targetPerShift = targetPerShift;
    }

    public int[][] PlanLoans(IReadOnlyList<SignUp> signUps)
    {
        var counts = new int[_regions.Count][];
        var loans = new int[_regions.Count][];

        using var barrier = new Barrier(_regions.Count);
        var threads = new Thread[_regions.Count];

        for (var r = 0; r < _regions.Count; r++)
        {
            var region = r;
            threads[r] = new Thread(() =>
            {
                var mine = new int[_shiftCount];
                foreach (var s in signUps)
                {
                    if (s.Region == _regions[region])
                    {
                        mine[s.ShiftIndex]++;
                    }
                }
                counts[region] = mine;

                barrier.SignalAndWait();

                var lend = new int[_shiftCount];
                for (var shift = 0; shift < _shiftCount; shift++)
                {
                    var spare = counts[region][shift] - _targetPerShift;
                    if (spare <= 0)
                    {
                        continue;
                    }

                    var shortfall = 0;
                    for (var other = 0; other < counts.Length; other++)
                    {
                        shortfall += Math.Max(0, _targetPerShift - counts[other][shift]);
                    }
                    lend[shift] = Math.Min(spare, shortfall);
                }
                loans[region] = lend;
            })
            { Name = $"Cover {_regions[r]}" };
        }

        foreach (var t in threads)
        {
            t.Start();
        }
        foreach (var t in threads)
        {
            t.Join();
        }

        return loans;
    }
}
