using Microsoft.Extensions.Logging;

namespace FerryLine.Gates.Scanning;

public interface ITicketValidator
{
    Task<bool> ValidateAsync(string ticketCode, CancellationToken ct);
}

public sealed record GateScan(int GateNumber, string TicketCode);

/// <summary>
/// Processes a batch of scans uploaded by a boarding gate after it regains connectivity.
/// One instance is created per sailing.
/// </summary>
public sealed class SailingBoardingTally
{
    private readonly ITicketValidator _validator;
    private readonly ILogger _logger;
    private readonly Dictionary<int, int> _acceptedPerGate = new();
    private int _rejected;

    public SailingBoardingTally(ITicketValidator validator, ILogger logger)
    {
        _validator = validator;
        _logger = logger;
    }

    public int Rejected => Volatile.Read(ref _rejected);

    public async Task ProcessUploadAsync(IReadOnlyList<GateScan> scans, CancellationToken ct)
    {
        var pending = new List<Task>(scans.Count);
        foreach (var scan in scans)
        {
            pending.Add(ProcessOneAsync(scan, ct));
        }

        await Task.WhenAll(pending);
        _logger.LogInformation("Processed {Count} offline scans", scans.Count);
    }

    private async Task ProcessOneAsync(GateScan scan, CancellationToken ct)
    {
        bool ok = await _validator.ValidateAsync(scan.TicketCode, ct).ConfigureAwait(false);
        if (!ok)
        {
            Interlocked.Increment(ref _rejected);
            return;
        }

        _acceptedPerGate.TryGetValue(scan.GateNumber, out var current);
        _acceptedPerGate[scan.GateNumber] = current + 1;
    }

    public IReadOnlyDictionary<int, int> AcceptedPerGate() => new Dictionary<int, int>(_acceptedPerGate);
}
