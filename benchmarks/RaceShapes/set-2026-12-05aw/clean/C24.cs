using System.Collections.Concurrent;

namespace SheepShearing.Wool;

public sealed record BaleRecord(string BaleId, string Grade, double Kg, string PressedBy);

/// <summary>
/// Wool press at one shed. All presses at the station share the bale register and the
/// station-wide bale numbering, both kept as static state.
/// </summary>
public sealed class WoolPress
{
    private static readonly object RegisterLock = new();
    private static readonly List<BaleRecord> Register = new();
    private static readonly ConcurrentDictionary<string, double> KgByGrade = new();
    private static int _lastBaleNumber;

    private readonly string _shed;
    private int _balesPressedHere;

    public WoolPress(string shed)
    {
        _shed = shed;
    }

    public int BalesPressedHere => Volatile.Read(ref _balesPressedHere);

    public BaleRecord Press(string grade, double kg, string presser)
    {
        int number = Interlocked.Increment(ref _lastBaleNumber);
        var bale = new BaleRecord($"{_shed}-{number:D5}", grade, kg, presser);

        lock (RegisterLock)
        {
            Register.Add(bale);
        }
        KgByGrade.AddOrUpdate(grade, kg, (_, total) => total + kg);
        Interlocked.Increment(ref _balesPressedHere);
        return bale;
    }

    public static IReadOnlyList<BaleRecord> RegisterCopy()
    {
        lock (RegisterLock)
        {
            return Register.ToList();
        }
    }

    public static IReadOnlyDictionary<string, double> GradeTotals() => new Dictionary<string, double>(KgByGrade);
}

/// <summary>Runs the presses of every shed at the station in parallel for one day.</summary>
public static class StationDay
{
    public static string Run(IReadOnlyDictionary<string, IReadOnlyList<(string Grade, double Kg, string Presser)>> work)
    {
        var presses = work.Keys.ToDictionary(shed => shed, shed => new WoolPress(shed));

        Parallel.ForEach(work, shedWork =>
        {
            var press = presses[shedWork.Key];
            foreach (var (grade, kg, presser) in shedWork.Value)
            {
                press.Press(grade, kg, presser);
            }
        });

        var register = WoolPress.RegisterCopy();
        var totals = WoolPress.GradeTotals();
        string busiest = presses.OrderByDescending(p => p.Value.BalesPressedHere).First().Key;
        return $"{register.Count} bales, {totals.Count} grades, busiest shed {busiest}";
    }
}
