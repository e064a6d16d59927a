using System.Globalization;
using System.Text;

namespace Blind24.SaltWorks;

public sealed record BrineSample(string Pan, double Density, double TemperatureC, DateTime TakenUtc);

/// <summary>
/// Serialises brine samples into the line protocol used by the salt works'
/// time-series database. Called from every ingestion worker; each thread keeps its
/// own scratch builder to avoid allocating per sample.
/// </summary>
public sealed class BrineLineProtocolWriter : IDisposable
{
    private readonly ThreadLocal<StringBuilder> _scratch = new(() => new StringBuilder(256));
    private readonly string _measurement;

    public BrineLineProtocolWriter(string measurement) => _measurement = measurement;

    public string Format(BrineSample sample)
    {
        var sb = _scratch.Value!;
        sb.Clear();
        sb.Append(_measurement)
          .Append(",pan=").Append(Escape(sample.Pan))
          .Append(" density=").Append(sample.Density.ToString("R", CultureInfo.InvariantCulture))
          .Append(",temp=").Append(sample.TemperatureC.ToString("R", CultureInfo.InvariantCulture))
          .Append(' ')
          .Append(new DateTimeOffset(sample.TakenUtc, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000L);
        return sb.ToString();
    }

    private static string Escape(string tag) => tag.Replace(" ", "\\ ").Replace(",", "\\,");

    public void Dispose() => _scratch.Dispose();
}

/// <summary>Pushes samples from many pan sensors to the database in parallel.</summary>
public sealed class BrineIngestion
{
    private readonly BrineLineProtocolWriter _writer;
    private readonly Func<IReadOnlyList<string>, CancellationToken, Task> _post;

    public BrineIngestion(BrineLineProtocolWriter writer, Func<IReadOnlyList<string>, CancellationToken, Task> post)
    {
        _writer = writer;
        _post = post;
    }

    public async Task IngestAsync(IReadOnlyList<IReadOnlyList<BrineSample>> batchesByPan, CancellationToken ct)
    {
        await Parallel.ForEachAsync(batchesByPan, ct, async (batch, token) =>
        {
            var lines = new List<string>(batch.Count);
            foreach (var sample in batch)
            {
                lines.Add(_writer.Format(sample));
            }

            await _post(lines, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    public double EstimateSalinity(BrineSample sample)
    {
        double corrected = sample.Density + 0.0002 * (sample.TemperatureC - 20);
        return Math.Max(0, (corrected - 1.0) * 1300);
    }
}
