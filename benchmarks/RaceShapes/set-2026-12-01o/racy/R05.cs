namespace Stadium.Turnstiles.Logging;

public sealed record TurnstilePassage(string GateId, string TicketBarcode, DateTime PassedAtUtc, bool Accepted);

/// <summary>
/// In-memory log of turnstile passages for the current event. Gate readers push
/// passages from their own callbacks; the control room dashboard queries it.
/// </summary>
public sealed class TurnstileLog
{
    private readonly object _sync = new();
    private readonly List<TurnstilePassage> _passages = new();

    public void Record(TurnstilePassage passage)
    {
        lock (_sync)
        {
            _passages.Add(passage);
        }
    }

    public int CountAccepted()
    {
        lock (_sync)
        {
            return _passages.Count(p => p.Accepted);
        }
    }

    public IReadOnlyList<TurnstilePassage> GetSince(DateTime fromUtc)
    {
        return _passages.Where(p => p.PassedAtUtc >= fromUtc).ToList();
    }
}

public interface IGateReader
{
    string GateId { get; }
    event Action<string> BarcodeScanned;
}

/// <summary>
/// Validates barcodes coming from the gate readers and records the outcome.
/// Validation is offloaded to the thread pool so the reader's event thread is released quickly.
/// </summary>
public sealed class GateValidationCoordinator
{
    private readonly TurnstileLog _log;
    private readonly HashSet<string> _validBarcodes;

    public GateValidationCoordinator(TurnstileLog log, IEnumerable<string> soldBarcodes)
    {
        _log = log;
        _validBarcodes = new HashSet<string>(soldBarcodes, StringComparer.Ordinal);
    }

    public void Attach(IGateReader reader)
    {
        reader.BarcodeScanned += barcode =>
            ThreadPool.QueueUserWorkItem(_ => Validate(reader.GateId, barcode));
    }

    private void Validate(string gateId, string barcode)
    {
        var accepted = _validBarcodes.Contains(barcode);
        _log.Record(new TurnstilePassage(gateId, barcode, DateTime.UtcNow, accepted));
    }
}

/// <summary>Control room view: last five minutes of traffic per gate.</summary>
public sealed class ControlRoomDashboard
{
    private readonly TurnstileLog _log;

    public ControlRoomDashboard(TurnstileLog log) => _log = log;

    public IDictionary<string, int> RecentPerGate()
    {
        return _log.GetSince(DateTime.UtcNow.AddMinutes(-5))
            .GroupBy(p => p.GateId)
            .ToDictionary(g => g.Key, g => g.Count());
    }
}
