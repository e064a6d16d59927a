using System.Collections.Concurrent;

namespace Blind36.SheepShearing.Tally;

/// <summary>
/// Running totals for a shearing contest heat. Each judge's tablet posts results to
/// the same tally object, so its members are called from many request threads at once.
/// </summary>
public sealed class HeatTally
{
    private long _totalFleeceGrams;
    private int _sheepShorn;
    private readonly ConcurrentDictionary<string, int> _perShearer = new(StringComparer.OrdinalIgnoreCase);

    public long TotalFleeceGrams => Interlocked.Read(ref _totalFleeceGrams);
    public int SheepShorn => Volatile.Read(ref _sheepShorn);

    public void RecordFleece(string shearer, int grams)
    {
        if (grams <= 0)
            throw new ArgumentOutOfRangeException(nameof(grams));

        Interlocked.Add(ref _totalFleeceGrams, grams);
        Interlocked.Increment(ref _sheepShorn);
        _perShearer.AddOrUpdate(shearer, 1, (_, n) => n + 1);
    }

    /// <summary>
    /// Called when the board judge rules a sheep was second-cut or injured and the
    /// fleece does not count.
    /// </summary>
    public void DisqualifyFleece(string shearer, int grams)
    {
        _totalFleeceGrams -= grams;
        Interlocked.Decrement(ref _sheepShorn);
        _perShearer.AddOrUpdate(shearer, 0, (_, n) => Math.Max(0, n - 1));
    }

    public IReadOnlyDictionary<string, int> CountsByShearer() =>
        new Dictionary<string, int>(_perShearer, StringComparer.OrdinalIgnoreCase);

    public double AverageFleeceGrams()
    {
        int sheep = SheepShorn;
        return sheep == 0 ? 0 : (double)TotalFleeceGrams / sheep;
    }
}

public sealed class JudgeEndpoint
{
    private readonly HeatTally _tally;

    public JudgeEndpoint(HeatTally tally) => _tally = tally;

    public Task PostAsync(string shearer, int grams, bool disqualified) => Task.Run(() =>
    {
        if (disqualified)
            _tally.DisqualifyFleece(shearer, grams);
        else
            _tally.RecordFleece(shearer, grams);
    });
}
