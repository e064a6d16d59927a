using System.Globalization;
using System.Text;

namespace Blind22.CoffeeRoasting.Logging;

public sealed record RoasterSample(string RoasterId, DateTimeOffset At, double DrumTempC, double ExhaustTempC, int GasPercent);

/// <summary>
/// Formats roaster telemetry lines for the plant historian. Each roaster's logger task
/// calls <see cref="Format"/> for every sample.
/// </summary>
public static class TelemetryLineFormatter
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static string Format(RoasterSample sample)
    {
        var sb = t_builder ??= new StringBuilder(256);
        sb.Clear();
        sb.Append("roaster,id=").Append(sample.RoasterId)
          .Append(" drum=").Append(sample.DrumTempC.ToString("F1", CultureInfo.InvariantCulture))
          .Append(",exhaust=").Append(sample.ExhaustTempC.ToString("F1", CultureInfo.InvariantCulture))
          .Append(",gas=").Append(sample.GasPercent.ToString(CultureInfo.InvariantCulture))
          .Append(' ').Append(sample.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}

/// <summary>
/// Collects samples from all roasters and writes them to the historian in batches.
/// </summary>
public sealed class RoasteryHistorianWriter
{
    private long _linesFormatted;
    private readonly Func<IReadOnlyList<string>, CancellationToken, Task> _send;

    public RoasteryHistorianWriter(Func<IReadOnlyList<string>, CancellationToken, Task> send) => _send = send;

    public async Task PumpAsync(IReadOnlyList<IAsyncEnumerable<RoasterSample>> roasters, CancellationToken ct)
    {
        var pumps = roasters.Select(feed => Task.Run(async () =>
        {
            var batch = new List<string>(100);
            await foreach (var sample in feed.WithCancellation(ct).ConfigureAwait(false))
            {
                batch.Add(TelemetryLineFormatter.Format(sample));
                Interlocked.Increment(ref _linesFormatted);
                if (batch.Count == 100)
                {
                    await _send(batch.ToArray(), ct).ConfigureAwait(false);
                    batch.Clear();
                }
            }
            if (batch.Count > 0)
            {
                await _send(batch.ToArray(), ct).ConfigureAwait(false);
            }
        }, ct));

        await Task.WhenAll(pumps).ConfigureAwait(false);
    }

    public long TotalLinesFormatted() => Interlocked.Read(ref _linesFormatted);
}
