using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind35.BellRinging.Peals;

public sealed record RingingEvent(string Tower, string Method, int Changes, DateTime RungAt);

public interface IPealArchive
{
    Task AppendAsync(RingingEvent e, CancellationToken ct);
}

/// <summary>
/// Accepts ringing reports from tower tablets and archives them in the background.
/// Keeps a running count of changes per tower for the leaderboard.
/// </summary>
public sealed class PealRecorder : BackgroundService
{
    private const int ArchiveWorkers = 3;

    private readonly IPealArchive _archive;
    private readonly Channel<RingingEvent> _events = Channel.CreateBounded<RingingEvent>(
        new BoundedChannelOptions(1_000)
        {
            SingleReader = false,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    private readonly Dictionary<string, int> _changesByTower = new(StringComparer.OrdinalIgnoreCase);

    public PealRecorder(IPealArchive archive) => _archive = archive;

    public ValueTask ReportAsync(RingingEvent e, CancellationToken ct) => _events.Writer.WriteAsync(e, ct);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, ArchiveWorkers)
            .Select(_ => Task.Run(() => ConsumeAsync(stoppingToken), stoppingToken))
            .ToArray();
        return Task.WhenAll(workers);
    }

    private async Task ConsumeAsync(CancellationToken ct)
    {
        await foreach (var e in _events.Reader.ReadAllAsync(ct))
        {
            await _archive.AppendAsync(e, ct);
            _changesByTower[e.Tower] = _changesByTower.GetValueOrDefault(e.Tower) + e.Changes;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _events.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Leaderboard snapshot, valid once the recorder has been stopped and drained.</summary>
    public IReadOnlyList<(string Tower, int Changes)> FinalLeaderboard() =>
        _changesByTower
            .OrderByDescending(kv => kv.Value)
            .Select(kv => (kv.Key, kv.Value))
            .ToList();
}
