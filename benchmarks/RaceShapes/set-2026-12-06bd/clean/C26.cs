using System.Buffers;
using System.Collections.Concurrent;
using System.Text;

namespace Blind56.SailingClub.Results;

public readonly record struct Finish(string SailNumber, string Helm, int ElapsedSeconds, int Handicap);

/// <summary>
/// Small pool of StringBuilders reused across result formatting calls.
/// </summary>
public sealed class BuilderPool
{
    private readonly ConcurrentBag<StringBuilder> _items = new();
    private readonly int _maxRetainedCapacity;

    public BuilderPool(int maxRetainedCapacity = 16 * 1024) => _maxRetainedCapacity = maxRetainedCapacity;

    public StringBuilder Rent() => _items.TryTake(out var sb) ? sb : new StringBuilder(1024);

    public void Return(StringBuilder sb)
    {
        if (sb.Capacity > _maxRetainedCapacity)
        {
            return;
        }

        sb.Clear();
        _items.Add(sb);
    }
}

/// <summary>
/// Formats corrected-time race results for the club website and the race office
/// printer. Shared by all requests.
/// </summary>
public sealed class RaceResultFormatter
{
    private readonly BuilderPool _builders;

    public RaceResultFormatter(BuilderPool builders) => _builders = builders;

    public string Format(string raceName, IReadOnlyList<Finish> finishes)
    {
        int count = finishes.Count;
        int[] order = ArrayPool<int>.Shared.Rent(count);
        double[] corrected = ArrayPool<double>.Shared.Rent(count);
        StringBuilder sb = _builders.Rent();
        try
        {
            for (int i = 0; i < count; i++)
            {
                order[i] = i;
                corrected[i] = finishes[i].ElapsedSeconds * 1000.0 / finishes[i].Handicap;
            }

            Array.Sort(corrected, order, 0, count);

            sb.Append(raceName).AppendLine();
            for (int place = 0; place < count; place++)
            {
                var f = finishes[order[place]];
                var time = TimeSpan.FromSeconds(corrected[place]);
                sb.Append(place + 1).Append(". ")
                  .Append(f.SailNumber).Append(' ')
                  .Append(f.Helm).Append(' ')
                  .Append(time.ToString(@"h\:mm\:ss")).AppendLine();
            }

            return sb.ToString();
        }
        finally
        {
            _builders.Return(sb);
            ArrayPool<double>.Shared.Return(corrected);
            ArrayPool<int>.Shared.Return(order);
        }
    }

    public Task<string[]> FormatSeriesAsync(IReadOnlyList<(string Race, IReadOnlyList<Finish> Finishes)> races) =>
        Task.WhenAll(races.Select(r => Task.Run(() => Format(r.Race, r.Finishes))));
}
