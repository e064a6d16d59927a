using System.Collections.Concurrent;
using System.Text;

namespace Mews.Falconry.FlightLogs;

public sealed record FlightEntry(string BirdName, DateTimeOffset LaunchedAt, TimeSpan Duration, int Kills, double WeightGrams);

public sealed record LogSummary(int Flights, TimeSpan TotalAirTime, IReadOnlyDictionary<string, int> FlightsPerBird, string Csv);

/// <summary>
/// Writes flight log entries from the field app to the mews CSV archive. Entries arrive
/// from the sync endpoints; one writer thread formats them in arrival order.
/// </summary>
public sealed class FlightLogWriter : IDisposable
{
    private readonly BlockingCollection<FlightEntry> _pending = new(boundedCapacity: 1000);
    private readonly Thread _writerThread;

    private readonly StringBuilder _csv = new();
    private readonly Dictionary<string, int> _perBird = new(StringComparer.OrdinalIgnoreCase);
    private TimeSpan _airTime;
    private int _flights;

    public FlightLogWriter()
    {
        _csv.AppendLine("bird,launched,minutes,kills,weight_g");
        _writerThread = new Thread(WriteLoop) { IsBackground = true, Name = "flight-log-writer" };
        _writerThread.Start();
    }

    public bool TryAdd(FlightEntry entry, TimeSpan timeout) => _pending.TryAdd(entry, timeout);

    private void WriteLoop()
    {
        foreach (var entry in _pending.GetConsumingEnumerable())
        {
            _csv.Append(entry.BirdName).Append(',')
                .Append(entry.LaunchedAt.ToString("O")).Append(',')
                .Append(entry.Duration.TotalMinutes.ToString("F1")).Append(',')
                .Append(entry.Kills).Append(',')
                .Append(entry.WeightGrams.ToString("F0")).AppendLine();

            _perBird.TryGetValue(entry.BirdName, out var n);
            _perBird[entry.BirdName] = n + 1;
            _airTime += entry.Duration;
            _flights++;
        }
    }

    /// <summary>Stops accepting entries, waits for the writer to drain and returns the day's archive.</summary>
    public LogSummary Complete()
    {
        _pending.CompleteAdding();
        _writerThread.Join();
        return new LogSummary(_flights, _airTime, new Dictionary<string, int>(_perBird), _csv.ToString());
    }

    public void Dispose()
    {
        _pending.CompleteAdding();
        _writerThread.Join();
        _pending.Dispose();
    }
}
