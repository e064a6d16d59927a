using System.Text;

namespace Blind53.CaveDiving.Audit;

/// <summary>
/// Append-only audit log of gas-fill and dive-plan approvals at the dive centre.
/// Shared by all request handlers; each logical operation can open a scope so that the
/// entries it writes carry the same correlation id.
/// </summary>
public sealed class DiveAuditLog : IDisposable
{
    private static readonly AsyncLocal<string?> CurrentCorrelation = new();

    private readonly ThreadLocal<StringBuilder> _formatBuffer = new(() => new StringBuilder(256));
    private readonly object _writeLock = new();
    private readonly StreamWriter _writer;
    private long _entries;

    public DiveAuditLog(string path)
    {
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), Encoding.UTF8);
    }

    public long Entries => Interlocked.Read(ref _entries);

    public static IDisposable BeginScope(string correlationId)
    {
        var previous = CurrentCorrelation.Value;
        CurrentCorrelation.Value = correlationId;
        return new Scope(previous);
    }

    public void Write(string actor, string action, string detail)
    {
        var sb = _formatBuffer.Value!;
        sb.Clear();
        sb.Append(DateTime.UtcNow.ToString("O"))
          .Append(" [").Append(CurrentCorrelation.Value ?? "-").Append("] ")
          .Append(actor).Append(": ").Append(action);
        if (detail.Length > 0)
        {
            sb.Append(" - ").Append(detail);
        }

        string line = sb.ToString();
        lock (_writeLock)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }

        Interlocked.Increment(ref _entries);
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            _writer.Dispose();
        }

        _formatBuffer.Dispose();
    }

    private sealed class Scope : IDisposable
    {
        private readonly string? _previous;

        public Scope(string? previous)
        {
            _previous = previous;
        }

        public void Dispose() => CurrentCorrelation.Value = _previous;
    }
}

public sealed class GasFillStation
{
    private readonly DiveAuditLog _audit;

    public GasFillStation(DiveAuditLog audit)
    {
        _audit = audit;
    }

    public async Task FillAsync(string diver, string cylinder, double oxygenPercent)
    {
        using (DiveAuditLog.BeginScope(Guid.NewGuid().ToString("N")[..8]))
        {
            _audit.Write(diver, "fill-requested", $"{cylinder} EAN{oxygenPercent:0}");
            await Task.Delay(50).ConfigureAwait(false);
            _audit.Write("blender", "analysed", $"{cylinder} {oxygenPercent:0.0}% O2");
        }
    }

    public Task FillManyAsync(IEnumerable<(string Diver, string Cylinder, double O2)> fills)
        => Task.WhenAll(fills.Select(f => FillAsync(f.Diver, f.Cylinder, f.O2)));
}
