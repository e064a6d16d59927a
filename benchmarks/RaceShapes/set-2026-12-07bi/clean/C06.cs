using System.Threading.Channels;

namespace Blind61.PigeonRacing.Basketing;

public sealed record BasketingScan(string RingNumber, string Member, string RaceId, DateTimeOffset ScannedAt);

public sealed record MemberEntry(string Member, int Birds, decimal PoolFees);

/// <summary>
/// Collects basketing-night scans from the club's scanners and builds the entry sheet
/// (birds and pool fees per member) when basketing closes.
/// </summary>
public sealed class BasketingSession
{
    private const decimal FeePerBird = 1.50m;
    private readonly Channel<BasketingScan> _scans = Channel.CreateUnbounded<BasketingScan>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly Dictionary<string, MemberEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _seenRings = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _reader;

    public BasketingSession()
    {
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Called by each scanner's connection handler.</summary>
    public bool Submit(BasketingScan scan) => _scans.Writer.TryWrite(scan);

    private async Task ReadAsync()
    {
        await foreach (var scan in _scans.Reader.ReadAllAsync())
        {
            if (!_seenRings.Add(scan.RingNumber))
                continue;   // bird scanned twice at the table

            _entries.TryGetValue(scan.Member, out var entry);
            entry ??= new MemberEntry(scan.Member, 0, 0m);
            _entries[scan.Member] = entry with
            {
                Birds = entry.Birds + 1,
                PoolFees = entry.PoolFees + FeePerBird,
            };
        }
    }

    /// <summary>Closes basketing and returns the final entry sheet.</summary>
    public async Task<IReadOnlyList<MemberEntry>> CloseAsync()
    {
        _scans.Writer.TryComplete();
        await _reader.ConfigureAwait(false);
        return _entries.Values.OrderBy(e => e.Member, StringComparer.OrdinalIgnoreCase).ToList();
    }
}

/// <summary>Handles one scanner's TCP connection.</summary>
public sealed class ScannerConnection
{
    private readonly BasketingSession _session;
    private readonly string _raceId;

    public ScannerConnection(BasketingSession session, string raceId)
    {
        _session = session;
        _raceId = raceId;
    }

    public async Task PumpAsync(TextReader lines, CancellationToken ct)
    {
        string? line;
        while ((line = await lines.ReadLineAsync(ct)) is not null)
        {
            var parts = line.Split(',');
            if (parts.Length != 2) continue;
            _session.Submit(new BasketingScan(parts[0].Trim(), parts[1].Trim(), _raceId, DateTimeOffset.UtcNow));
        }
    }
}
